//! The review period, shaded behind the lanes when a review marks the timeline.

use super::Builder;
use crate::layout::marks;

impl Builder<'_> {
    /// The review period over the lanes, on top of the legal statuses' shading.
    pub(super) fn review_shading(&mut self, top: f64, bottom: f64) {
        let Some((first, last)) = self.options.marks.period else {
            return;
        };
        let scale = self.scale;
        if last < scale.start || first > scale.end {
            return;
        }
        let x0 = scale.x_clamped(first);
        let x1 = scale.x_clamped(last).max(x0 + 2.0);
        let title = format!(
            "Review period: {} to {}",
            first.format("%-d %b %Y"),
            last.format("%-d %b %Y")
        );
        self.back
            .push(marks::period_band(x0, x1, top, bottom, title));
    }
}
