//! Keys and tiles: the parts of the protocol that must hold whatever the data.

use super::*;

#[test]
fn every_pair_of_chunks_is_taken_by_exactly_one_tile() {
    for of in 1..9u32 {
        let tiles: Vec<Tile> = Tile::all(of).collect();
        assert_eq!(tiles.len() as u32, of * (of + 1) / 2);
        for a in 0..of {
            for b in 0..of {
                let takers = tiles.iter().filter(|t| t.takes(a, b)).count();
                assert_eq!(takers, 1, "chunks {a} and {b} of {of}");
                let holders = tiles.iter().filter(|t| t.holds(a)).count();
                assert_eq!(
                    holders as u32, of,
                    "chunk {a} of {of} is in every tile of its row"
                );
            }
        }
    }
}

#[test]
fn a_tile_key_reads_back_and_nothing_else_does() {
    let t = Tile { i: 2, j: 5, of: 7 };
    let key = format!("s=a|f=b{}", t.suffix());
    assert_eq!(Tile::parse(&key), Some(("s=a|f=b", t)));
    for bad in [
        "s=a|f=b",
        "s=a|t=5.2/7",
        "s=a|t=1.7/7",
        "s=a|t=x.1/3",
        "s=a|t=1.2",
    ] {
        assert_eq!(Tile::parse(bad), None, "{bad}");
    }
}

#[test]
fn chunks_follow_the_bound() {
    assert_eq!(chunks_for(0, 10), 1);
    assert_eq!(chunks_for(10, 10), 1);
    assert_eq!(chunks_for(11, 10), 2);
    assert_eq!(chunks_for(1_000_000, 200_000), 5);
    // Chunks spread claims evenly enough that no tile is far over the bound.
    let mut counts = [0usize; 5];
    for i in 0..50_000 {
        counts[chunk_of(&format!("a{i}:{}:p", i % 97), 5) as usize] += 1;
    }
    assert!(
        counts.iter().all(|&c| (9_000..11_000).contains(&c)),
        "{counts:?}"
    );
}

#[test]
fn keys_escape_what_the_protocol_reserves() {
    assert_eq!(escape("freedonia+ruritania"), "freedonia+ruritania");
    assert_eq!(escape("a|b\tc\n#d é"), "a%7Cb%09c%0A%23d%20%C3%A9");
    assert_eq!(escape("#x"), "%23x");
}
