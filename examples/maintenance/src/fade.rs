//! Capacity fade per vehicle, from battery-management readings.
//!
//! A lithium-ion pack loses capacity roughly in proportion to its charge cycles early in its
//! life: `C(n) = C0 * (1 - k n)`, with `C0` the rated capacity. Each vehicle's `k` is fitted by
//! least squares (through the origin, since a new pack has its rated capacity) on the capacities
//! its BMS measured at the end of each full charge, against the cycles at that time; the pack
//! reaches the end of its first life at 80 % of `C0`, after `0.2 / k` cycles.

use std::collections::BTreeMap;

/// What the readings say about one vehicle.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vehicle {
	pub vin: String,
	/// `(cycles, capacity in Ah)` at each full charge (each change of the measured capacity).
	pub charges: Vec<(f64, f64)>,
	/// Cycles at the last reading.
	pub cycles: f64,
	/// Mean spread between the highest and the lowest cell voltage while driving hard
	/// (discharging over 50 A), volts: a weak cell sags.
	pub cell_spread_v: f64,
	spread_sum: f64,
	spread_count: u64,
}

/// One vehicle's fitted fade and verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
	pub vin: String,
	pub cycles: f64,
	/// Capacity now over rated capacity, percent.
	pub state_of_health: f64,
	/// Capacity lost per 100 cycles, percent of rated.
	pub fade_per_100_cycles: f64,
	/// Cycles left until 80 % of rated capacity.
	pub cycles_left: f64,
	pub cell_spread_v: f64,
	/// Why maintenance is due, if it is.
	pub due: Option<String>,
}

/// Columns the readings must have.
pub const COLUMNS: [&str; 7] =
	["vin", "pack_a", "cell_v_min", "cell_v_max", "cycles", "capacity_ah", "timestamp"];

/// The vehicles of a readings file (CSV, the fleet's schema), in order of their VIN.
pub fn read(file: impl std::io::Read) -> anyhow::Result<Vec<Vehicle>> {
	let mut reader = csv::Reader::from_reader(file);
	let headers = reader.headers()?.clone();
	let column = |name: &str| {
		headers
			.iter()
			.position(|h| h == name)
			.ok_or_else(|| anyhow::anyhow!("the readings have no `{name}` column"))
	};
	let [vin, current, v_min, v_max, cycles, capacity, _] = COLUMNS.map(column);
	let (vin, current, v_min, v_max, cycles, capacity) =
		(vin?, current?, v_min?, v_max?, cycles?, capacity?);
	let mut vehicles: BTreeMap<String, Vehicle> = BTreeMap::new();
	for (line, record) in reader.records().enumerate() {
		let record = record?;
		let number = |i: usize| -> anyhow::Result<f64> {
			record.get(i).and_then(|v| v.trim().parse().ok()).ok_or_else(|| {
				anyhow::anyhow!("line {}: column {} is not a number", line + 2, i + 1)
			})
		};
		let id = record.get(vin).unwrap_or_default();
		let vehicle = vehicles
			.entry(id.to_string())
			.or_insert_with(|| Vehicle { vin: id.to_string(), ..Default::default() });
		let (n, c) = (number(cycles)?, number(capacity)?);
		if vehicle.charges.last().is_none_or(|(_, last)| *last != c) {
			vehicle.charges.push((n, c));
		}
		vehicle.cycles = n;
		if number(current)? < -50.0 {
			vehicle.spread_sum += number(v_max)? - number(v_min)?;
			vehicle.spread_count += 1;
		}
	}
	Ok(vehicles
		.into_values()
		.map(|mut v| {
			v.cell_spread_v = v.spread_sum / v.spread_count.max(1) as f64;
			v
		})
		.collect())
}

/// Fits `vehicle`'s fade against `rated` Ah; maintenance is due within `horizon` cycles of 80 %,
/// or for a cell spread over `max_spread_v`.
pub fn assess(vehicle: &Vehicle, rated: f64, horizon: f64, max_spread_v: f64) -> Assessment {
	let (mut cross, mut square) = (0.0, 0.0);
	for &(n, capacity) in &vehicle.charges {
		cross += n * (1.0 - capacity / rated);
		square += n * n;
	}
	let k = if square > 0.0 { (cross / square).max(f64::EPSILON) } else { f64::EPSILON };
	let latest = vehicle.charges.last().map_or(rated, |(_, c)| *c);
	let cycles_left = 0.2 / k - vehicle.cycles;
	let state_of_health = 100.0 * latest / rated;
	let mut reasons = Vec::new();
	if state_of_health < 80.0 {
		reasons.push(format!("capacity at {state_of_health:.1} % of rated"));
	} else if cycles_left < horizon {
		reasons.push(format!("80 % of rated capacity in {cycles_left:.0} cycles"));
	}
	if vehicle.cell_spread_v > max_spread_v {
		reasons
			.push(format!("weak cell: {:.0} mV spread under load", vehicle.cell_spread_v * 1000.0));
	}
	let due = (!reasons.is_empty()).then(|| reasons.join("; "));
	Assessment {
		vin: vehicle.vin.clone(),
		cycles: vehicle.cycles,
		state_of_health,
		fade_per_100_cycles: 100.0 * k * 100.0,
		cycles_left,
		cell_spread_v: vehicle.cell_spread_v,
		due,
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn csv(rows: &[(&str, f64, f64, f64)]) -> String {
		let mut text =
			String::from("timestamp,vin,pack_a,cell_v_min,cell_v_max,cycles,capacity_ah\n");
		for (i, (vin, current, cycles, capacity)) in rows.iter().enumerate() {
			let spread = if vin.ends_with('F') { 0.12 } else { 0.02 };
			text += &format!("{i},{vin},{current},{},{},{cycles},{capacity}\n", 3.6 - spread, 3.6);
		}
		text
	}

	#[test]
	fn the_fit_recovers_the_fade_and_flags_the_right_vehicles() {
		// A healthy pack fading 0.01 % a cycle and a faulty one 0.03 % a cycle.
		let mut rows = Vec::new();
		for n in (500..600).step_by(5) {
			let n = n as f64;
			rows.push(("HEALTHY", -80.0, n, 180.0 * (1.0 - 0.0001 * n)));
			rows.push(("FAULTYF", -80.0, n, 180.0 * (1.0 - 0.0003 * n)));
		}
		let vehicles = read(csv(&rows).as_bytes()).unwrap();
		assert_eq!(vehicles.len(), 2);
		let faulty = assess(&vehicles[0], 180.0, 300.0, 0.05);
		let healthy = assess(&vehicles[1], 180.0, 300.0, 0.05);
		assert_eq!(healthy.vin, "HEALTHY");
		assert!((healthy.fade_per_100_cycles - 1.0).abs() < 1e-6, "{healthy:?}");
		assert!((healthy.cycles_left - (2000.0 - 595.0)).abs() < 1e-3, "{healthy:?}");
		assert_eq!(healthy.due, None);
		assert!((faulty.fade_per_100_cycles - 3.0).abs() < 1e-6);
		let reasons = faulty.due.as_deref().unwrap();
		assert!(
			reasons.contains("in 72 cycles") && reasons.contains("weak cell: 120 mV"),
			"{faulty:?}"
		);
		assert!((faulty.cell_spread_v - 0.12).abs() < 1e-9);
	}

	#[test]
	fn missing_columns_and_bad_numbers_say_where() {
		let err = read("timestamp,vin\n1,A\n".as_bytes()).unwrap_err().to_string();
		assert!(err.contains("no `pack_a` column"), "{err}");
		let text = "timestamp,vin,pack_a,cell_v_min,cell_v_max,cycles,capacity_ah\n1,A,-80,3.5,3.6,x,170\n";
		let err = read(text.as_bytes()).unwrap_err().to_string();
		assert!(err.contains("line 2"), "{err}");
	}
}
