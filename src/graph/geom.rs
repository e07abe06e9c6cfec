//! Plain 2-D geometry for the map, in layout units (logical pixels, y down),
//! so the layout and its renderers share one vocabulary without egui.

/// A point in layout coordinates (y grows downward, as on screen and in SVG).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    /// A point from its coordinates.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// Euclidean distance, for hit-testing and tests.
    pub fn distance(self, other: Point) -> f32 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// An axis-aligned rectangle; `min` is the top-left corner.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    /// The rectangle of the given size centred on `center`.
    pub fn from_center_size(center: Point, width: f32, height: f32) -> Self {
        Self {
            min: Point::new(center.x - width / 2.0, center.y - height / 2.0),
            max: Point::new(center.x + width / 2.0, center.y + height / 2.0),
        }
    }

    /// The rectangle with top-left corner `min` and the given size.
    pub fn from_min_size(min: Point, width: f32, height: f32) -> Self {
        Self {
            min,
            max: Point::new(min.x + width, min.y + height),
        }
    }

    /// Width.
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// The centre point.
    pub fn center(&self) -> Point {
        Point::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    /// Whether the point lies inside or on the border (hit-testing).
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    /// Whether the interiors of two rectangles overlap (touching is not overlapping).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    /// The smallest rectangle containing both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            min: Point::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Point::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    /// The rectangle grown by `margin` on every side.
    pub fn expand(&self, margin: f32) -> Rect {
        Rect {
            min: Point::new(self.min.x - margin, self.min.y - margin),
            max: Point::new(self.max.x + margin, self.max.y + margin),
        }
    }

    /// Moved by (dx, dy).
    pub fn translate(&self, dx: f32, dy: f32) -> Rect {
        Rect {
            min: Point::new(self.min.x + dx, self.min.y + dy),
            max: Point::new(self.max.x + dx, self.max.y + dy),
        }
    }

    /// Where the segment from the centre towards `toward` leaves the
    /// rectangle, so edges start and end on box borders rather than centres.
    /// Returns the centre itself when `toward` is the centre.
    pub fn border_toward(&self, toward: Point) -> Point {
        let c = self.center();
        let (dx, dy) = (toward.x - c.x, toward.y - c.y);
        let (hw, hh) = (self.width() / 2.0, self.height() / 2.0);
        if dx == 0.0 && dy == 0.0 {
            return c;
        }
        let tx = if dx != 0.0 {
            hw / dx.abs()
        } else {
            f32::INFINITY
        };
        let ty = if dy != 0.0 {
            hh / dy.abs()
        } else {
            f32::INFINITY
        };
        let t = tx.min(ty);
        Point::new(c.x + dx * t, c.y + dy * t)
    }
}

/// The shortest distance from `p` to the segment `a`–`b` (edge hit-testing).
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return p.distance(a);
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0);
    p.distance(Point::new(a.x + t * dx, a.y + t * dy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn border_point_lies_on_the_side_facing_the_target() {
        let r = Rect::from_center_size(Point::new(0.0, 0.0), 100.0, 40.0);
        let near = |a: Point, b: Point| assert!(a.distance(b) < 1e-4, "{a:?} != {b:?}");
        near(
            r.border_toward(Point::new(0.0, -300.0)),
            Point::new(0.0, -20.0),
        );
        near(
            r.border_toward(Point::new(500.0, 0.0)),
            Point::new(50.0, 0.0),
        );
        near(
            r.border_toward(Point::new(100.0, 40.0)),
            Point::new(50.0, 20.0),
        );
    }

    #[test]
    fn touching_boxes_do_not_overlap() {
        let a = Rect::from_min_size(Point::new(0.0, 0.0), 10.0, 10.0);
        let b = Rect::from_min_size(Point::new(10.0, 0.0), 10.0, 10.0);
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&b.translate(-0.5, 3.0)));
    }

    #[test]
    fn segment_distance_clamps_to_the_ends() {
        let (a, b) = (Point::new(0.0, 0.0), Point::new(10.0, 0.0));
        assert_eq!(distance_to_segment(Point::new(5.0, 3.0), a, b), 3.0);
        assert_eq!(distance_to_segment(Point::new(13.0, 4.0), a, b), 5.0);
    }
}
