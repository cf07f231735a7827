//! Seeded, reproducible draws (双随机、报告抽查). The seed is an input, printed on every report
//! that draws, together with [`METHOD`], so that anyone can redraw with a few lines in any language
//! and get the same result.
//!
//! The generator is SplitMix64 (Steele, Lea, Flood 2014; the reference C code of Vigna):
//!
//! ```text
//! state = seed
//! next():  state = state + 0x9E3779B97F4A7C15 (mod 2^64)
//!          z = state
//!          z = (z XOR (z >> 30)) * 0xBF58476D1CE4E5B9 (mod 2^64)
//!          z = (z XOR (z >> 27)) * 0x94D049BB133111EB (mod 2^64)
//!          return z XOR (z >> 31)
//! below(n): zone = 2^64 − (2^64 mod n); repeat x = next() until x < zone; return x mod n
//! ```
//!
//! Drawing k of n candidates: sort the candidates by id (Unicode code points), then a partial
//! Fisher–Yates shuffle: for i = 0 .. k−1, j = i + below(n − i), swap positions i and j; the first
//! k are drawn, in draw order. One generator serves a whole report, used in the order the report
//! describes (strata in their printed order).

/// The method as printed on a report.
pub const METHOD: &str = "SplitMix64 伪随机数发生器（种子即初始状态；增量 0x9E3779B97F4A7C15，\
混合常数 0xBF58476D1CE4E5B9、0x94D049BB133111EB，移位 30/27/31）；\
候选对象按编号的 Unicode 码位升序排列后做部分 Fisher–Yates 洗牌：\
第 i 次（i 从 0 起）取 j = i + below(n − i)，交换第 i、j 位，前 k 位即为抽中对象（按抽取顺序）；\
below(m) 取 next() 直至其小于 2^64 − (2^64 mod m)，再对 m 取余（无偏）。\
各层按本报告列出的顺序依次使用同一发生器。";

/// SplitMix64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose initial state is the seed.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..n` (0 when `n` is 0), without modulo bias.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // 2^64 mod n, computed without 128-bit numbers: (2^64 − n) mod n.
        let rem = n.wrapping_neg() % n;
        let zone = u64::MAX - rem; // the last accepted value is zone (i.e. x < zone + 1)
        loop {
            let x = self.next_u64();
            if x <= zone {
                return x % n;
            }
        }
    }

    /// Draws `k` of `items` (already in their canonical order) by a partial Fisher–Yates shuffle;
    /// returns the drawn items in draw order. `k` larger than the list draws everything.
    pub fn draw<T: Clone>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut v: Vec<T> = items.to_vec();
        let n = v.len();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below((n - i) as u64) as usize;
            v.swap(i, j);
        }
        v.truncate(k);
        v
    }
}

/// `ceil(n × percent / 100)`: the smallest whole number that is at least `percent` % of `n`.
pub fn at_least_share(n: usize, percent: u32) -> usize {
    let num = (n as u128) * u128::from(percent);
    (num.div_ceil(100)) as usize
}

/// `part / whole` as a percentage with one decimal, rounded half up, in integers (`"15.4%"`).
pub fn percent_text(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "—".to_owned();
    }
    let tenths = ((part as u128) * 1000 * 2 + whole as u128) / (2 * whole as u128);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values_of_splitmix64() {
        // The published output of Vigna's splitmix64.c for seed 1234567.
        let mut g = SplitMix64::new(1_234_567);
        let got: Vec<u64> = (0..5).map(|_| g.next_u64()).collect();
        assert_eq!(
            got,
            [
                6457827717110365317,
                3203168211198807973,
                9817491932198370423,
                4593380528125082431,
                16408922859458223821
            ]
        );
    }

    #[test]
    fn same_seed_same_draw_other_seed_other_draw() {
        let items: Vec<u32> = (0..100).collect();
        let a = SplitMix64::new(42).draw(&items, 15);
        let b = SplitMix64::new(42).draw(&items, 15);
        let c = SplitMix64::new(43).draw(&items, 15);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let mut d = a.clone();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), 15, "no item drawn twice");
        assert_eq!(SplitMix64::new(1).draw(&items[..3], 10).len(), 3);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut g = SplitMix64::new(7);
        let mut seen = [false; 7];
        for _ in 0..1000 {
            let x = g.below(7) as usize;
            seen[x] = true;
        }
        assert!(seen.iter().all(|s| *s));
        assert_eq!(g.below(0), 0);
        assert_eq!(g.below(1), 0);
    }

    #[test]
    fn shares_round_up() {
        assert_eq!(at_least_share(0, 15), 0);
        assert_eq!(at_least_share(1, 15), 1);
        assert_eq!(at_least_share(20, 15), 3);
        assert_eq!(at_least_share(21, 15), 4);
        assert_eq!(at_least_share(100, 15), 15);
        assert_eq!(percent_text(3, 20), "15.0%");
        assert_eq!(percent_text(4, 21), "19.0%");
        assert_eq!(percent_text(1, 3), "33.3%");
        assert_eq!(percent_text(2, 3), "66.7%");
        assert_eq!(percent_text(0, 0), "—");
    }
}
