//! The tag sets: UPOS and Penn XPOS, each an enum with its names as CoNLL-U writes them.

/// An enum of tags with its `ALL` list, its names and the lookups between them, from one
/// list of (variant, name) pairs, so that variants and names cannot fall out of step.
/// A variant's discriminant is its index in `ALL` and in the names, and its id in a model
/// file.
macro_rules! tag_set {
    (
        $(#[$meta:meta])*
        $name:ident, $doc_name:literal {
            $($(#[$variant_meta:meta])* $variant:ident = $text:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)*
        }

        impl $name {
            pub const ALL: [$name; [$($text),*].len()] = [$($name::$variant),*];
            const NAMES: [&'static str; [$($text),*].len()] = [$($text),*];

            #[doc = $doc_name]
            pub fn name(self) -> &'static str {
                Self::NAMES[self as usize]
            }

            pub fn from_name(name: &str) -> Option<$name> {
                let i = Self::NAMES.iter().position(|n| *n == name)?;
                Some(Self::ALL[i])
            }

            pub(crate) fn from_id(id: u8) -> Option<$name> {
                Self::ALL.get(usize::from(id)).copied()
            }
        }
    };
}

tag_set! {
    /// Universal part-of-speech tags (universaldependencies.org/u/pos).
    Upos, "The name CoNLL-U uses: \"NOUN\", \"AUX\"." {
        Adj = "ADJ",
        Adp = "ADP",
        Adv = "ADV",
        Aux = "AUX",
        Cconj = "CCONJ",
        Det = "DET",
        Intj = "INTJ",
        Noun = "NOUN",
        Num = "NUM",
        Part = "PART",
        Pron = "PRON",
        Propn = "PROPN",
        Punct = "PUNCT",
        Sconj = "SCONJ",
        Sym = "SYM",
        Verb = "VERB",
        X = "X",
    }
}

tag_set! {
    /// Penn Treebank tags as UD English EWT uses them (its XPOS column), plus `Xx` for a word
    /// EWT could not tag.
    Xpos, "The Penn name: \"NNS\", \"PRP$\", \"-LRB-\"." {
        /// `$`
        Dollar = "$",
        /// `''`
        CloseQuote = "''",
        /// `,`
        Comma = ",",
        /// `-LRB-`
        OpenBracket = "-LRB-",
        /// `-RRB-`
        CloseBracket = "-RRB-",
        /// `.`
        Stop = ".",
        /// `:`
        Colon = ":",
        Add = "ADD",
        Afx = "AFX",
        Cc = "CC",
        Cd = "CD",
        Dt = "DT",
        Ex = "EX",
        Fw = "FW",
        Gw = "GW",
        Hyph = "HYPH",
        In = "IN",
        Jj = "JJ",
        Jjr = "JJR",
        Jjs = "JJS",
        Ls = "LS",
        Md = "MD",
        Nfp = "NFP",
        Nn = "NN",
        Nnp = "NNP",
        Nnps = "NNPS",
        Nns = "NNS",
        Pdt = "PDT",
        Pos = "POS",
        Prp = "PRP",
        /// `PRP$`
        PrpPossessive = "PRP$",
        Rb = "RB",
        Rbr = "RBR",
        Rbs = "RBS",
        Rp = "RP",
        Sym = "SYM",
        To = "TO",
        Uh = "UH",
        Vb = "VB",
        Vbd = "VBD",
        Vbg = "VBG",
        Vbn = "VBN",
        Vbp = "VBP",
        Vbz = "VBZ",
        Wdt = "WDT",
        Wp = "WP",
        /// `WP$`
        WpPossessive = "WP$",
        Wrb = "WRB",
        Xx = "XX",
        /// ` `` `
        OpenQuote = "``",
    }
}
