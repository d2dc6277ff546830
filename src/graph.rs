//! The subject graph: subjects, speakers and claims in a petgraph graph, and the blocks of
//! claims (case × subject × family) that conflict detection compares.
//!
//! petgraph types stay inside this module; the rest of the crate sees plain data.

use crate::claim::{Claim, Subject};
use crate::rules::RuleSet;
use petgraph::stable_graph::{NodeIndex, StableGraph};
use petgraph::visit::EdgeRef;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Subject(Subject),
    Speaker(usize),
    Claim(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    /// claim → subject
    About,
    /// speaker → claim
    Says,
}

/// Claims that may conflict: the same case, subject and predicate family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub case: Option<String>,
    pub subject: Subject,
    pub family: usize,
    /// Claim indices, ascending.
    pub claims: Vec<usize>,
}

/// Counts of what the graph holds, for reports and statistics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct GraphSize {
    pub subjects: usize,
    pub speakers: usize,
    pub claims: usize,
    pub edges: usize,
}

pub struct SubjectGraph {
    graph: StableGraph<Node, Edge>,
    subjects: BTreeMap<Subject, NodeIndex>,
}

impl SubjectGraph {
    /// Builds the graph of subjects, speakers and claims.
    pub fn build(claims: &[Claim]) -> SubjectGraph {
        let mut graph = StableGraph::new();
        let mut subjects = BTreeMap::new();
        let mut speakers: BTreeMap<usize, NodeIndex> = BTreeMap::new();
        for (i, c) in claims.iter().enumerate() {
            let claim = graph.add_node(Node::Claim(i));
            let subject = *subjects
                .entry(c.subject)
                .or_insert_with(|| graph.add_node(Node::Subject(c.subject)));
            graph.add_edge(claim, subject, Edge::About);
            if let Some(s) = c.speaker {
                let speaker = *speakers
                    .entry(s)
                    .or_insert_with(|| graph.add_node(Node::Speaker(s)));
                graph.add_edge(speaker, claim, Edge::Says);
            }
        }
        SubjectGraph { graph, subjects }
    }

    pub fn size(&self) -> GraphSize {
        let mut size = GraphSize {
            edges: self.graph.edge_count(),
            ..Default::default()
        };
        for n in self.graph.node_indices() {
            match self.graph[n] {
                Node::Subject(_) => size.subjects += 1,
                Node::Speaker(_) => size.speakers += 1,
                Node::Claim(_) => size.claims += 1,
            }
        }
        size
    }

    /// The claims of each subject, grouped by case and family, in a fixed order.
    pub fn blocks(
        &self,
        claims: &[Claim],
        rules: &RuleSet,
        case_of: &dyn Fn(usize) -> Option<String>,
    ) -> Vec<Block> {
        let mut out = Vec::new();
        for (subject, &node) in &self.subjects {
            let mut groups: BTreeMap<(Option<String>, usize), Vec<usize>> = BTreeMap::new();
            for e in self
                .graph
                .edges_directed(node, petgraph::Direction::Incoming)
            {
                if *e.weight() != Edge::About {
                    continue;
                }
                if let Node::Claim(i) = self.graph[e.source()] {
                    let family = rules.predicates[claims[i].predicate].family;
                    groups
                        .entry((case_of(claims[i].article), family))
                        .or_default()
                        .push(i);
                }
            }
            for ((case, family), mut members) in groups {
                members.sort_unstable();
                out.push(Block {
                    case,
                    subject: *subject,
                    family,
                    claims: members,
                });
            }
        }
        out
    }
}
