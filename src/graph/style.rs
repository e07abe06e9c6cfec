//! The map's visual vocabulary — colours, dashes and arrowheads per edge
//! kind, node tints — shared by the on-screen pane and the exports so that
//! a map looks the same everywhere.

use super::geom::Point;
use crate::model::{RelationKind, Rgb};

/// What an edge of the map stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    /// A source supports its target.
    Support,
    /// A source attacks its target.
    Attack,
    /// A source restates its target.
    Rephrase,
    /// A scenario to one of its units (drawn faintly).
    Membership,
    /// A scenario to a scenario it presupposes.
    Dependency,
}

impl EdgeKind {
    /// Every kind, in legend order.
    pub const ALL: [EdgeKind; 5] = [
        EdgeKind::Support,
        EdgeKind::Attack,
        EdgeKind::Rephrase,
        EdgeKind::Membership,
        EdgeKind::Dependency,
    ];

    /// Lower-case name, used as the SVG class.
    pub fn key(self) -> &'static str {
        match self {
            EdgeKind::Support => "support",
            EdgeKind::Attack => "attack",
            EdgeKind::Rephrase => "rephrase",
            EdgeKind::Membership => "membership",
            EdgeKind::Dependency => "dependency",
        }
    }

    /// What the legend calls it.
    pub fn legend(self) -> &'static str {
        match self {
            EdgeKind::Support => "supports",
            EdgeKind::Attack => "attacks",
            EdgeKind::Rephrase => "rephrases",
            EdgeKind::Membership => "in scenario",
            EdgeKind::Dependency => "scenario depends on",
        }
    }

    /// The stroke colour.
    pub fn color(self) -> Rgb {
        match self {
            EdgeKind::Support => Rgb([0x2b, 0x4c, 0x7e]),
            EdgeKind::Attack => Rgb([0xd6, 0x27, 0x28]),
            EdgeKind::Rephrase => Rgb([0x7f, 0x8c, 0x8d]),
            EdgeKind::Membership => Rgb([0xc3, 0xa6, 0xd4]),
            EdgeKind::Dependency => Rgb([0x8e, 0x44, 0xad]),
        }
    }

    /// Stroke width in layout units.
    pub fn width(self) -> f32 {
        match self {
            EdgeKind::Support | EdgeKind::Attack => 1.8,
            EdgeKind::Rephrase | EdgeKind::Dependency => 1.5,
            EdgeKind::Membership => 1.0,
        }
    }

    /// Dash pattern (on, off) in layout units; `None` for a solid line.
    pub fn dash(self) -> Option<(f32, f32)> {
        match self {
            EdgeKind::Rephrase => Some((2.0, 4.0)),
            EdgeKind::Membership => Some((4.0, 4.0)),
            EdgeKind::Dependency => Some((7.0, 4.0)),
            EdgeKind::Support | EdgeKind::Attack => None,
        }
    }

    /// The head drawn where the edge meets its target.
    pub fn head(self) -> Arrowhead {
        match self {
            EdgeKind::Support | EdgeKind::Dependency => Arrowhead::Arrow,
            EdgeKind::Attack => Arrowhead::Bar,
            EdgeKind::Rephrase | EdgeKind::Membership => Arrowhead::None,
        }
    }
}

impl From<RelationKind> for EdgeKind {
    fn from(k: RelationKind) -> Self {
        match k {
            RelationKind::Support => EdgeKind::Support,
            RelationKind::Attack => EdgeKind::Attack,
            RelationKind::Rephrase => EdgeKind::Rephrase,
        }
    }
}

/// How an edge ends at its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arrowhead {
    /// Plain line end.
    None,
    /// A filled triangle (support, dependency).
    Arrow,
    /// A filled triangle crossed by a bar (attack), readable in greyscale.
    Bar,
}

/// Length of an arrowhead along the edge, in layout units.
pub const HEAD_LENGTH: f32 = 10.0;
/// Half the width of an arrowhead.
pub const HEAD_HALF_WIDTH: f32 = 5.0;
/// Half the length of the bar across an attack head.
pub const BAR_HALF_LENGTH: f32 = 8.0;

/// The shapes of an arrowhead pointing at `tip` from `from`: a triangle
/// (three points) and, for attacks, a bar (two points) behind it. Empty for
/// [`Arrowhead::None`] or a zero-length last segment.
pub fn head_shapes(head: Arrowhead, from: Point, tip: Point) -> (Vec<Point>, Vec<Point>) {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = dx.hypot(dy);
    if head == Arrowhead::None || len == 0.0 {
        return (Vec::new(), Vec::new());
    }
    let (ux, uy) = (dx / len, dy / len);
    let (nx, ny) = (-uy, ux);
    let base = Point::new(tip.x - ux * HEAD_LENGTH, tip.y - uy * HEAD_LENGTH);
    let triangle = vec![
        tip,
        Point::new(base.x + nx * HEAD_HALF_WIDTH, base.y + ny * HEAD_HALF_WIDTH),
        Point::new(base.x - nx * HEAD_HALF_WIDTH, base.y - ny * HEAD_HALF_WIDTH),
    ];
    let bar = if head == Arrowhead::Bar {
        let at = Point::new(
            tip.x - ux * (HEAD_LENGTH + 4.0),
            tip.y - uy * (HEAD_LENGTH + 4.0),
        );
        vec![
            Point::new(at.x + nx * BAR_HALF_LENGTH, at.y + ny * BAR_HALF_LENGTH),
            Point::new(at.x - nx * BAR_HALF_LENGTH, at.y - ny * BAR_HALF_LENGTH),
        ]
    } else {
        Vec::new()
    };
    (triangle, bar)
}

/// Colour of a unit whose tag the scheme lacks.
pub const UNKNOWN_TAG: Rgb = Rgb([0x88, 0x88, 0x88]);
/// Scenario colour when the scheme has no speculation tag.
pub const SCENARIO: Rgb = Rgb([0x8e, 0x44, 0xad]);
/// Dark text on tinted boxes.
pub const TEXT: Rgb = Rgb([0x1f, 0x23, 0x28]);
/// Dash pattern of a scenario node's border.
pub const SCENARIO_DASH: (f32, f32) = (6.0, 3.0);
/// Corner radius of unit boxes; scenarios are drawn as pills (radius = half height).
pub const UNIT_CORNER: f32 = 4.0;

/// `c` mixed with white: `amount` 0 keeps the colour, 1 gives white. Box fills
/// are light tints of the tag colour so dark text stays legible.
pub fn tint(c: Rgb, amount: f32) -> Rgb {
    let a = amount.clamp(0.0, 1.0);
    let mix = |v: u8| (f32::from(v) + (255.0 - f32::from(v)) * a).round() as u8;
    Rgb([mix(c.0[0]), mix(c.0[1]), mix(c.0[2])])
}

/// How strongly box fills are lightened toward white.
pub const FILL_TINT: f32 = 0.82;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_point_along_the_last_segment() {
        let (tri, bar) = head_shapes(
            Arrowhead::Arrow,
            Point::new(0.0, 100.0),
            Point::new(0.0, 0.0),
        );
        assert_eq!(tri[0], Point::new(0.0, 0.0));
        assert!(tri[1].y > 0.0 && tri[2].y > 0.0, "base lies behind the tip");
        assert!(bar.is_empty());
        let (_, bar) = head_shapes(Arrowhead::Bar, Point::new(0.0, 100.0), Point::new(0.0, 0.0));
        assert_eq!(bar.len(), 2);
        assert!(
            bar[0].y == bar[1].y && bar[0].x != bar[1].x,
            "bar is across the edge"
        );
        assert_eq!(
            head_shapes(Arrowhead::None, Point::default(), Point::new(1.0, 0.0)).0,
            []
        );
    }

    #[test]
    fn tints_run_from_colour_to_white() {
        let c = Rgb([0xc0, 0x39, 0x2b]);
        assert_eq!(tint(c, 0.0), c);
        assert_eq!(tint(c, 1.0), Rgb([255, 255, 255]));
        assert!(tint(c, 0.5).0[1] > c.0[1]);
    }
}
