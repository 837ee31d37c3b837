//! Counting: votes per candidate, the elected in order, and ties at the last
//! seat broken by a draw that anyone can repeat from the recorded seed.

use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub nomination_id: i64,
    pub votes: i64,
}

/// The draw's order for one candidate: SHA-256 of "seed:nomination".
pub fn draw_key(seed: &str, nomination_id: i64) -> String {
    Sha256::digest(format!("{seed}:{nomination_id}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Orders the candidates by votes, most first; equal votes are ordered by
/// the draw. Returns the order and whether the draw decided a seat.
pub fn rank(mut tallies: Vec<Tally>, seats: usize, seed: &str) -> (Vec<Tally>, bool) {
    tallies.sort_by(|a, b| {
        b.votes
            .cmp(&a.votes)
            .then_with(|| draw_key(seed, a.nomination_id).cmp(&draw_key(seed, b.nomination_id)))
    });
    let decided_by_draw =
        seats > 0 && seats < tallies.len() && tallies[seats - 1].votes == tallies[seats].votes;
    (tallies, decided_by_draw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(id: i64, votes: i64) -> Tally {
        Tally {
            nomination_id: id,
            votes,
        }
    }

    #[test]
    fn most_votes_first() {
        let (order, draw) = rank(vec![t(1, 3), t(2, 9), t(3, 5)], 2, "seed");
        assert_eq!(
            order.iter().map(|x| x.nomination_id).collect::<Vec<_>>(),
            [2, 3, 1]
        );
        assert!(!draw);
    }

    #[test]
    fn a_tie_at_the_last_seat_is_drawn_the_same_way_every_time() {
        let tallies = vec![t(1, 4), t(2, 4), t(3, 4), t(4, 9)];
        let (first, draw) = rank(tallies.clone(), 2, "recorded-seed");
        assert!(draw);
        let (again, _) = rank(tallies.clone(), 2, "recorded-seed");
        assert_eq!(first, again, "reproducible from the seed");
        assert_eq!(first[0].nomination_id, 4);
        let differs =
            (0..20).any(|i| rank(tallies.clone(), 2, &format!("other-{i}")).0[1] != first[1]);
        assert!(differs, "the seed decides");
    }
}
