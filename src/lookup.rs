//! A map that can only be looked up, never walked: the one place the library holds a
//! `HashMap`. Its order is chosen afresh every run, so iterating one could put output in a
//! different order each time; this type has no way to iterate, and a test keeps `HashMap` and
//! `HashSet` out of every other source file. Ordered collections (`BTreeMap`, `Vec`) serve
//! everything else.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

/// A cache of values by key: insert and look up only.
#[derive(Debug)]
pub(crate) struct Lookup<K, V>(HashMap<K, V>);

impl<K, V> Default for Lookup<K, V> {
    fn default() -> Self {
        Lookup(HashMap::new())
    }
}

impl<K: Hash + Eq, V> Lookup<K, V> {
    /// The value stored for `key`, if any.
    pub(crate) fn get<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.0.get(key)
    }

    /// Stores `value` for `key`, replacing any value stored before.
    pub(crate) fn insert(&mut self, key: K, value: V) {
        self.0.insert(key, value);
    }
}
