//! The subject graph: subjects, speakers and claims in a petgraph graph, and the blocks of
//! claims (case × subject × family) that conflict detection compares.
//!
//! petgraph types stay inside this module; the rest of the crate sees plain data.

use crate::claim::{Claim, Subject};
use crate::rules::RuleSet;
use petgraph::stable_graph::{NodeIndex, StableGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Subject(Subject),
    Speaker(usize),
    /// A claim with its blocking key, so that grouping never reaches back into the claims
    /// (which are large and, for a busy subject, scattered over memory).
    Claim {
        index: usize,
        family: usize,
        /// Index into `SubjectGraph::cases`.
        case: usize,
    },
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
    /// The distinct cases of the claims' articles, each stored once.
    cases: Vec<Option<String>>,
}

impl SubjectGraph {
    /// Builds the graph of subjects, speakers and claims; `case_of` gives the case of an
    /// article.
    pub fn build<'a>(
        claims: &[Claim],
        rules: &RuleSet,
        case_of: &dyn Fn(usize) -> Option<&'a str>,
    ) -> SubjectGraph {
        // One node and up to two edges per claim, plus a few subjects and speakers.
        let mut graph = StableGraph::with_capacity(claims.len() + 64, 2 * claims.len());
        let mut subjects: BTreeMap<Subject, NodeIndex> = BTreeMap::new();
        let mut speakers: BTreeMap<usize, NodeIndex> = BTreeMap::new();
        let mut cases: Vec<Option<String>> = Vec::new();
        let mut case_index: HashMap<Option<&str>, usize> = HashMap::new();
        // Claims come article by article, so the last article's case is usually the answer.
        let mut last: Option<(usize, usize)> = None;
        for (i, c) in claims.iter().enumerate() {
            let case = match last {
                Some((article, case)) if article == c.article => case,
                _ => {
                    let name = case_of(c.article);
                    let case = *case_index.entry(name).or_insert_with(|| {
                        cases.push(name.map(str::to_string));
                        cases.len() - 1
                    });
                    last = Some((c.article, case));
                    case
                }
            };
            let claim = graph.add_node(Node::Claim {
                index: i,
                family: rules.predicates[c.predicate].family,
                case,
            });
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
        SubjectGraph { graph, cases }
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
                Node::Claim { .. } => size.claims += 1,
            }
        }
        size
    }

    /// The claims of each subject, grouped by case and family, in a fixed order: by
    /// subject, case and family, claims ascending within a block.
    pub fn blocks(&self) -> Vec<Block> {
        // One pass over the edges in the order they were added, which is claim order, so
        // memory is read in order and each block's claims come out ascending. Walking each
        // subject's own edge list instead would jump through memory for every claim.
        let mut index: HashMap<(Subject, usize, usize), usize> = HashMap::new();
        let mut blocks: Vec<Block> = Vec::new();
        for e in (&self.graph).edge_references() {
            if *e.weight() != Edge::About {
                continue;
            }
            let (
                Node::Claim {
                    index: claim,
                    family,
                    case,
                },
                Node::Subject(subject),
            ) = (self.graph[e.source()], self.graph[e.target()])
            else {
                continue;
            };
            let slot = *index.entry((subject, case, family)).or_insert_with(|| {
                blocks.push(Block {
                    case: self.cases[case].clone(),
                    subject,
                    family,
                    claims: Vec::new(),
                });
                blocks.len() - 1
            });
            blocks[slot].claims.push(claim);
        }
        // Already ascending, so the sort only confirms it (in linear time); conflict
        // detection's binary searches rely on it.
        for block in &mut blocks {
            block.claims.sort_unstable();
        }
        blocks.sort_by(|a, b| (a.subject, &a.case, a.family).cmp(&(b.subject, &b.case, b.family)));
        blocks
    }
}
