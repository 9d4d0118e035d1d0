//! The family as a graph (petgraph): who is whose child and partner, generations, blood ties.
