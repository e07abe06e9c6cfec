//! Units that take part in nothing yet are set aside in a tidy grid next to
//! the layered map, in text order, rather than scattered among it.

use super::geom::{Point, Rect};

/// Places nodes `nodes` (indices into `sizes` and `rects`) in a grid whose
/// left edge is `left`: rows top-aligned at y = 0 below `caption` room, as
/// many rows as fit in `layered_height` (a square-ish grid when that is 0),
/// filled in the given order. The grid is never wider than `max_width` or
/// a landscape page of its own area, whichever is wider, so thousands of
/// unlinked units beside a shallow map wrap instead of making a strip.
/// Returns the grid's area, caption included.
#[allow(clippy::too_many_arguments)]
pub fn place_aside(
    nodes: &[usize],
    sizes: &[(f32, f32)],
    rects: &mut [Rect],
    left: f32,
    layered_height: f32,
    max_width: f32,
    gap: f32,
    caption: f32,
) -> Option<Rect> {
    if nodes.is_empty() {
        return None;
    }
    let cell_w = nodes.iter().map(|&v| sizes[v].0).fold(0.0, f32::max);
    let cell_h = nodes.iter().map(|&v| sizes[v].1).fold(0.0, f32::max);
    let count = nodes.len();
    let cols = if layered_height > 0.0 {
        let rows_fit = (((layered_height + gap) / (cell_h + gap)).floor() as usize).max(1);
        count.div_ceil(rows_fit)
    } else {
        (count as f64).sqrt().ceil() as usize
    }
    .clamp(1, count);
    let page =
        ((count as f32 * (cell_w + gap) * (cell_h + gap) * 1.6).sqrt() / (cell_w + gap)).ceil();
    let fit = ((max_width + gap) / (cell_w + gap)).floor();
    let cols = cols.min(page.max(fit).max(1.0) as usize);
    let mut y = caption;
    let mut area = Rect::from_min_size(Point::new(left, 0.0), 0.0, caption);
    for row in nodes.chunks(cols) {
        let row_h = row.iter().map(|&v| sizes[v].1).fold(0.0, f32::max);
        for (c, &v) in row.iter().enumerate() {
            let cx = left + c as f32 * (cell_w + gap) + cell_w / 2.0;
            let r = Rect::from_center_size(Point::new(cx, y + row_h / 2.0), sizes[v].0, sizes[v].1);
            rects[v] = r;
            area = area.union(&r);
        }
        y += row_h + gap;
    }
    Some(area)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_rows_as_tall_as_the_map_allows() {
        let sizes = vec![(100.0, 40.0); 7];
        let mut rects = vec![Rect::default(); 7];
        let nodes: Vec<usize> = (0..7).collect();
        // Room for two rows of 40 with a gap of 10: four columns.
        let area =
            place_aside(&nodes, &sizes, &mut rects, 500.0, 95.0, 1000.0, 10.0, 20.0).unwrap();
        assert_eq!(rects[0].min, Point::new(500.0, 20.0));
        assert_eq!(rects[3].min, Point::new(830.0, 20.0));
        assert_eq!(rects[4].min, Point::new(500.0, 70.0));
        assert_eq!(area.min, Point::new(500.0, 0.0));
        assert_eq!(area.max, Point::new(930.0, 110.0));
        assert_eq!(
            place_aside(&[], &sizes, &mut rects, 0.0, 0.0, 0.0, 10.0, 20.0),
            None
        );
    }

    #[test]
    fn without_a_map_the_grid_is_square() {
        let sizes = vec![(50.0, 20.0); 9];
        let mut rects = vec![Rect::default(); 9];
        let nodes: Vec<usize> = (0..9).collect();
        place_aside(&nodes, &sizes, &mut rects, 0.0, 0.0, 0.0, 10.0, 0.0);
        let rows: std::collections::BTreeSet<i64> = rects.iter().map(|r| r.min.y as i64).collect();
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn thousands_beside_a_shallow_map_wrap_into_a_block() {
        let sizes = vec![(120.0, 40.0); 5_000];
        let mut rects = vec![Rect::default(); 5_000];
        let nodes: Vec<usize> = (0..5_000).collect();
        // Room for only two rows beside the map, which is 2,000 wide.
        let area = place_aside(&nodes, &sizes, &mut rects, 0.0, 95.0, 2_000.0, 10.0, 0.0).unwrap();
        let aspect = area.width() / area.height();
        assert!((0.5..=3.0).contains(&aspect), "{aspect}");
    }
}
