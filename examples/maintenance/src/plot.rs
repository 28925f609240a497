//! The fleet's capacity fade as an SVG chart: each vehicle's measured state of health against its
//! charge cycles, its fitted line, and the 80 % end-of-life threshold; vehicles due for
//! maintenance in red.

use std::fmt::Write;

use crate::fade::{Assessment, Vehicle};

const WIDTH: f64 = 880.0;
const HEIGHT: f64 = 520.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 200.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 60.0;

/// The chart of `vehicles` (with their assessments, in the same order), capacities relative to
/// `rated` Ah.
pub fn svg(vehicles: &[Vehicle], assessments: &[Assessment], rated: f64) -> String {
	let max_cycles = vehicles.iter().map(|v| v.cycles).fold(0.0, f64::max).max(1.0);
	let x_max = (max_cycles * 1.25 / 250.0).ceil() * 250.0;
	let lowest = assessments.iter().map(|a| a.state_of_health).fold(75.0, f64::min);
	let (y_min, y_max) = ((lowest / 5.0).floor() * 5.0, 100.0);
	let x = |cycles: f64| LEFT + (WIDTH - LEFT - RIGHT) * cycles / x_max;
	let y = |soh: f64| {
		TOP + (HEIGHT - TOP - BOTTOM) * (y_max - soh.clamp(y_min, y_max)) / (y_max - y_min)
	};
	let mut out = String::new();
	let _ = writeln!(
		out,
		r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">"#
	);
	let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="white"/>"#);
	let _ = writeln!(
		out,
		r#"<text x="{LEFT}" y="24" font-size="16" font-weight="bold">Battery capacity fade: state of health against charge cycles</text>"#
	);
	// Grid and axes.
	for tick in (0..=(x_max as u64)).step_by(250) {
		let px = x(tick as f64);
		let _ = writeln!(
			out,
			r##"<line x1="{px:.1}" y1="{TOP}" x2="{px:.1}" y2="{:.1}" stroke="#eee"/><text x="{px:.1}" y="{:.1}" text-anchor="middle">{tick}</text>"##,
			HEIGHT - BOTTOM,
			HEIGHT - BOTTOM + 18.0
		);
	}
	for soh in (y_min as u32..=100).step_by(5) {
		let py = y(soh as f64);
		let _ = writeln!(
			out,
			r##"<line x1="{LEFT}" y1="{py:.1}" x2="{:.1}" y2="{py:.1}" stroke="#eee"/><text x="{:.1}" y="{:.1}" text-anchor="end">{soh} %</text>"##,
			WIDTH - RIGHT,
			LEFT - 8.0,
			py + 4.0
		);
	}
	let _ = writeln!(
		out,
		r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">charge cycles</text><text transform="translate(18 {:.1}) rotate(-90)" text-anchor="middle">capacity, % of rated ({rated} Ah)</text>"##,
		(LEFT + WIDTH - RIGHT) / 2.0,
		HEIGHT - 18.0,
		(TOP + HEIGHT - BOTTOM) / 2.0
	);
	let py = y(80.0);
	let _ = writeln!(
		out,
		r##"<line x1="{LEFT}" y1="{py:.1}" x2="{:.1}" y2="{py:.1}" stroke="#b00" stroke-dasharray="6 4"/><text x="{:.1}" y="{:.1}" fill="#b00" text-anchor="end">end of first life</text>"##,
		WIDTH - RIGHT,
		WIDTH - RIGHT - 4.0,
		py - 6.0
	);
	// Fitted lines, then the measurements over them.
	for (vehicle, assessment) in vehicles.iter().zip(assessments) {
		let color = if assessment.due.is_some() { "#c62828" } else { "#1f77b4" };
		let k = assessment.fade_per_100_cycles / 100.0;
		let end = x_max.min(25.0 / k.max(1e-9));
		let _ = writeln!(
			out,
			r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{color}" stroke-opacity="0.45"/>"#,
			x(0.0),
			y(100.0),
			x(end),
			y(100.0 - k * end)
		);
		for &(cycles, capacity) in &vehicle.charges {
			let _ = writeln!(
				out,
				r#"<circle cx="{:.1}" cy="{:.1}" r="2.5" fill="{color}"><title>{} at {cycles:.0} cycles: {:.1} %</title></circle>"#,
				x(cycles),
				y(100.0 * capacity / rated),
				vehicle.vin,
				100.0 * capacity / rated
			);
		}
	}
	// Legend: the vehicles due.
	let lx = WIDTH - RIGHT + 16.0;
	let _ =
		writeln!(out, r#"<text x="{lx}" y="{TOP}" font-weight="bold">Due for maintenance</text>"#);
	let due: Vec<_> = assessments.iter().filter(|a| a.due.is_some()).collect();
	for (i, a) in due.iter().enumerate() {
		let _ = writeln!(
			out,
			r##"<text x="{lx}" y="{:.1}" fill="#c62828">{}</text>"##,
			TOP + 20.0 + 16.0 * i as f64,
			a.vin
		);
	}
	let _ = writeln!(
		out,
		r##"<text x="{lx}" y="{:.1}" fill="#1f77b4">{} others fine</text>"##,
		TOP + 36.0 + 16.0 * due.len() as f64,
		assessments.len() - due.len()
	);
	out.push_str("</svg>\n");
	out
}
