//! A detour for an overlay line that no gentle curve can take clear of other people: the
//! shortest way round on a fine grid over the free space between symbols, names and homes,
//! pulled straight wherever it can be and rounded at its bends, so it still reads as one
//! smooth line between the two people and never as part of the family's square lines.

use super::overlay::Outline;
use crate::layout::scene::{Point, Rect};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// What a detour may use: the room round the two people, inside the sheet's drawing area.
pub(super) fn region(a: Point, b: Point, bounds: &Rect) -> Option<Rect> {
    let len = (b.x - a.x).hypot(b.y - a.y);
    let pad = (len * 0.3).clamp(60.0, 240.0);
    let r = Rect::around(&[a, b])?.inflate(pad);
    let x0 = r.x.max(bounds.x);
    let y0 = r.y.max(bounds.y);
    let x1 = r.right().min(bounds.right());
    let y1 = r.bottom().min(bounds.bottom());
    (x1 > x0 && y1 > y0).then(|| Rect::new(x0, y0, x1 - x0, y1 - y0))
}

/// The grid the search runs on: cells of the region, each blocked or with the number of
/// lines it would run along.
struct Grid {
    origin: Point,
    cell: f64,
    nx: usize,
    ny: usize,
    blocked: Vec<bool>,
    lines: Vec<u8>,
}

impl Grid {
    fn new(area: &Rect, hard: &[Rect], soft: &[Rect], routed: &[&Vec<Point>]) -> Grid {
        // Fine enough to pass between two names, coarse enough to stay quick on wide sheets.
        let cell = (area.width * area.height / 60_000.0).sqrt().max(4.0);
        let nx = (area.width / cell).ceil() as usize + 1;
        let ny = (area.height / cell).ceil() as usize + 1;
        let mut grid = Grid {
            origin: Point::new(area.x, area.y),
            cell,
            nx,
            ny,
            blocked: vec![false; nx * ny],
            lines: vec![0; nx * ny],
        };
        for r in hard {
            grid.mark(&r.inflate(1.5), |g, k| g.blocked[k] = true);
        }
        for r in soft {
            grid.mark(r, |g, k| g.lines[k] = g.lines[k].saturating_add(1));
        }
        // Overlay lines already drawn: cross them, never follow them.
        for line in routed {
            for w in line.windows(2) {
                let steps = ((w[1].x - w[0].x).hypot(w[1].y - w[0].y) / (cell / 2.0)).ceil();
                for k in 0..=steps as usize {
                    let t = k as f64 / steps.max(1.0);
                    let p = Point::new(
                        w[0].x + (w[1].x - w[0].x) * t,
                        w[0].y + (w[1].y - w[0].y) * t,
                    );
                    grid.mark(&Rect::new(p.x - 3.0, p.y - 3.0, 6.0, 6.0), |g, k| {
                        g.lines[k] = 3
                    });
                }
            }
        }
        grid
    }

    /// Applies `f` to every cell whose square overlaps the box.
    fn mark(&mut self, r: &Rect, mut f: impl FnMut(&mut Grid, usize)) {
        let half = self.cell / 2.0;
        let to = |v: f64, o: f64, n: usize| ((v - o) / self.cell).clamp(0.0, (n - 1) as f64);
        let (i0, i1) = (
            to(r.x - half, self.origin.x, self.nx).ceil() as usize,
            to(r.right() + half, self.origin.x, self.nx).floor() as usize,
        );
        let (j0, j1) = (
            to(r.y - half, self.origin.y, self.ny).ceil() as usize,
            to(r.bottom() + half, self.origin.y, self.ny).floor() as usize,
        );
        if r.right() + half < self.origin.x || r.bottom() + half < self.origin.y {
            return;
        }
        for j in j0..=j1 {
            for i in i0..=i1 {
                f(self, j * self.nx + i);
            }
        }
    }

    fn centre(&self, k: usize) -> Point {
        Point::new(
            self.origin.x + (k % self.nx) as f64 * self.cell,
            self.origin.y + (k / self.nx) as f64 * self.cell,
        )
    }

    fn cell_of(&self, p: Point) -> usize {
        let i = ((p.x - self.origin.x) / self.cell).round() as usize;
        let j = ((p.y - self.origin.y) / self.cell).round() as usize;
        j.min(self.ny - 1) * self.nx + i.min(self.nx - 1)
    }

    /// The shortest way from cell `start` to cell `goal` (A*, eight directions, never
    /// cutting the corner of a blocked cell); running along a line costs extra, so the
    /// detour crosses family lines rather than following them.
    fn search(&self, start: usize, goal: usize) -> Option<Vec<usize>> {
        let n = self.nx * self.ny;
        let (gx, gy) = ((goal % self.nx) as i64, (goal / self.nx) as i64);
        let estimate = |k: usize| {
            let (dx, dy) = (
                ((k % self.nx) as i64 - gx).unsigned_abs(),
                ((k / self.nx) as i64 - gy).unsigned_abs(),
            );
            10 * dx.max(dy) + 4 * dx.min(dy)
        };
        let mut best = vec![u64::MAX; n];
        let mut from = vec![usize::MAX; n];
        let mut open = BinaryHeap::new();
        best[start] = 0;
        open.push(Reverse((estimate(start), start)));
        while let Some(Reverse((_, k))) = open.pop() {
            if k == goal {
                let mut path = vec![goal];
                let mut at = goal;
                while at != start {
                    at = from[at];
                    path.push(at);
                }
                path.reverse();
                return Some(path);
            }
            let (i, j) = ((k % self.nx) as i64, (k / self.nx) as i64);
            for (di, dj) in [
                (1, 0),
                (-1, 0),
                (0, 1),
                (0, -1),
                (1, 1),
                (1, -1),
                (-1, 1),
                (-1, -1),
            ] {
                let (ni, nj) = (i + di, j + dj);
                if ni < 0 || nj < 0 || ni >= self.nx as i64 || nj >= self.ny as i64 {
                    continue;
                }
                let next = nj as usize * self.nx + ni as usize;
                let side = |a: i64, b: i64| self.blocked[b as usize * self.nx + a as usize];
                if self.blocked[next] || (di != 0 && dj != 0 && (side(ni, j) || side(i, nj))) {
                    continue;
                }
                let step = if di != 0 && dj != 0 { 14 } else { 10 };
                let cost = best[k] + step * (1 + 2 * u64::from(self.lines[next].min(3)));
                if cost < best[next] {
                    best[next] = cost;
                    from[next] = k;
                    open.push(Reverse((cost + estimate(next), next)));
                }
            }
        }
        None
    }
}

/// True when the segment keeps out of every box.
fn clear(p: Point, q: Point, hard: &[Rect]) -> bool {
    hard.iter().all(|r| {
        r.inflate(1.0)
            .clip_segment(p, q)
            .is_none_or(|(t0, t1)| (t1 - t0) * (q.x - p.x).hypot(q.y - p.y) < 0.25 || t1 <= t0)
    })
}

/// True when the segment runs along a stretch of one of the lines (side by side, within a
/// couple of units), where the two would read as one.
fn follows(p: Point, q: Point, routed: &[&Vec<Point>]) -> bool {
    let len = (q.x - p.x).hypot(q.y - p.y);
    if len < 1e-9 {
        return false;
    }
    let (ux, uy) = ((q.x - p.x) / len, (q.y - p.y) / len);
    routed.iter().any(|line| {
        line.windows(2).any(|w| {
            let off = |r: Point| ((r.x - p.x) * uy - (r.y - p.y) * ux).abs();
            let along = |r: Point| (r.x - p.x) * ux + (r.y - p.y) * uy;
            let (a0, a1) = (along(w[0]).min(along(w[1])), along(w[0]).max(along(w[1])));
            off(w[0]) < 2.5 && off(w[1]) < 2.5 && a1.min(len) - a0.max(0.0) > 0.5
        })
    })
}

/// The path with every corner cut that can be cut: from each point, straight on to the
/// furthest point it can see without following a line already drawn.
fn pulled(path: &[Point], hard: &[Rect], routed: &[&Vec<Point>]) -> Vec<Point> {
    let mut out = vec![path[0]];
    let mut i = 0;
    while i + 1 < path.len() {
        let mut j = i + 1;
        while j + 1 < path.len()
            && clear(path[i], path[j + 1], hard)
            && !follows(path[i], path[j + 1], routed)
        {
            j += 1;
        }
        out.push(path[j]);
        i = j;
    }
    out
}

/// Each bend rounded by a short curve, as far as that stays clear.
fn rounded(path: &[Point], hard: &[Rect]) -> Vec<Point> {
    let mut out = vec![path[0]];
    for w in path.windows(3) {
        let (p, v, n) = (w[0], w[1], w[2]);
        let (l1, l2) = ((v.x - p.x).hypot(v.y - p.y), (n.x - v.x).hypot(n.y - v.y));
        let corner = [18.0, 8.0].into_iter().find_map(|r: f64| {
            let d = r.min(l1 / 2.0).min(l2 / 2.0);
            let a = Point::new(v.x - (v.x - p.x) / l1 * d, v.y - (v.y - p.y) / l1 * d);
            let b = Point::new(v.x + (n.x - v.x) / l2 * d, v.y + (n.y - v.y) / l2 * d);
            let curve: Vec<Point> = (0..=6)
                .map(|k| {
                    let t = k as f64 / 6.0;
                    let u = 1.0 - t;
                    Point::new(
                        u * u * a.x + 2.0 * u * t * v.x + t * t * b.x,
                        u * u * a.y + 2.0 * u * t * v.y + t * t * b.y,
                    )
                })
                .collect();
            curve
                .windows(2)
                .all(|s| clear(s[0], s[1], hard))
                .then_some(curve)
        });
        match corner {
            Some(curve) => out.extend(curve),
            None => out.push(v),
        }
    }
    out.push(path[path.len() - 1]);
    out
}

/// The path from where it leaves the first outline to where it enters the second.
fn trimmed(path: &[Point], from: &Outline, to: &Outline) -> Vec<Point> {
    let exit = |path: &[Point], outline: &Outline| -> Vec<Point> {
        let Some(k) = path.iter().position(|p| !outline.holds(*p)) else {
            return path.to_vec();
        };
        if k == 0 {
            return path.to_vec();
        }
        let (mut inside, mut outside) = (path[k - 1], path[k]);
        for _ in 0..30 {
            let m = Point::new((inside.x + outside.x) / 2.0, (inside.y + outside.y) / 2.0);
            if outline.holds(m) {
                inside = m;
            } else {
                outside = m;
            }
        }
        let mut out = vec![outside];
        out.extend_from_slice(&path[k..]);
        out
    };
    let start = exit(path, from);
    let mut back: Vec<Point> = start.into_iter().rev().collect();
    back = exit(&back, to);
    back.reverse();
    back
}

/// A detour between two people round the `hard` boxes (symbols, names, homes, the title),
/// inside `area`, keeping off the `soft` ones (lines) where it can and never following one
/// of the `routed` overlay lines already drawn. `None` when the two
/// cannot be joined there.
pub(super) fn detour(
    from: &Outline,
    to: &Outline,
    area: &Rect,
    hard: &[Rect],
    soft: &[Rect],
    routed: &[&Vec<Point>],
) -> Option<Vec<Point>> {
    let mut grid = Grid::new(area, hard, soft, routed);
    let (start, goal) = (grid.cell_of(from.centre), grid.cell_of(to.centre));
    // The two people's own symbols are where the line starts and ends.
    for k in 0..grid.blocked.len() {
        let c = grid.centre(k);
        if from.holds(c) || to.holds(c) {
            grid.blocked[k] = false;
        }
    }
    grid.blocked[start] = false;
    grid.blocked[goal] = false;
    let cells = grid.search(start, goal)?;
    let mut path: Vec<Point> = cells.iter().map(|&k| grid.centre(k)).collect();
    path[0] = from.centre;
    let last = path.len() - 1;
    path[last] = to.centre;
    let path = trimmed(&pulled(&path, hard, routed), from, to);
    if path.len() < 2 {
        return None;
    }
    Some(rounded(&path, hard))
}
