//! The genogram layout: generations on rows, couples as blocks, sibships in birth order.
