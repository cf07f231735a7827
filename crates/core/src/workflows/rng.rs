//! SplitMix64 (Steele, Lea and Flood, 2014): a tiny deterministic generator. The seed is always
//! an input, so the same seed gives the same sequence on every platform, wasm32 included.

/// A SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started at `seed`.
    pub const fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (`n > 0`), without modulo bias; 0 when `n` is 0.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Reject the top partial block so every residue is equally likely.
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % n;
            }
        }
    }

    /// Picks `k` distinct items of `items` (partial Fisher–Yates), in draw order.
    pub fn choose<T: Clone>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut v: Vec<T> = items.to_vec();
        let k = k.min(v.len());
        for i in 0..k {
            let j = i + self.below((v.len() - i) as u64) as usize;
            v.swap(i, j);
        }
        v.truncate(k);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_sequence_for_seed_zero() {
        // Reference values of SplitMix64 seeded with 0.
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    proptest! {
        #[test]
        fn choose_is_distinct_reproducible_and_in_range(seed: u64, n in 0usize..40, k in 0usize..50) {
            let items: Vec<usize> = (0..n).collect();
            let a = SplitMix64::new(seed).choose(&items, k);
            let b = SplitMix64::new(seed).choose(&items, k);
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(a.len(), k.min(n));
            let mut s = a.clone();
            s.sort_unstable();
            s.dedup();
            prop_assert_eq!(s.len(), a.len());
            prop_assert!(a.iter().all(|&x| x < n));
        }
    }
}
