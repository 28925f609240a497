//! An electric vehicle's battery as its battery-management system reports it: pack voltage and
//! current, state of charge, the lowest and highest cell voltage and temperature, the charge
//! cycles so far and the capacity the BMS measured at its last full charge.
//!
//! The pack is 96 cells in series of 180 Ah when new. Capacity fades linearly with cycles, at a
//! rate of its own per vehicle; a vehicle with a faulty cell fades faster, and its weak cell
//! sags under load and runs warmer. Vehicles drive (discharge) and charge in turn.

use rand::{rngs::StdRng, Rng, SeedableRng};

/// The CSV header of the readings: the `schema` attribute of each vehicle on chain.
pub const SCHEMA: &str =
	"timestamp,vin,pack_v,pack_a,soc_pct,cell_v_min,cell_v_max,cell_t_min,cell_t_max,cycles,capacity_ah";
/// Capacity of a new pack, Ah.
pub const NEW_CAPACITY_AH: f64 = 180.0;
const CELLS: f64 = 96.0;

/// One vehicle's battery.
pub struct Vehicle {
	pub vin: String,
	pub faulty_cell: bool,
	rng: StdRng,
	/// Fraction of capacity lost per full cycle.
	fade_per_cycle: f64,
	/// Equivalent full cycles so far.
	cycles: f64,
	soc: f64,
	current_a: f64,
	charging: bool,
	ambient_c: f64,
	capacity_measured: f64,
}

impl Vehicle {
	/// Vehicle `index` of a fleet; one in `1 / faulty_share` has a weak cell.
	pub fn new(seed: u64, index: u32, faulty_share: f64) -> Self {
		let mut rng = StdRng::seed_from_u64(seed ^ (u64::from(index) << 20));
		let faulty_cell = rng.gen_bool(faulty_share.clamp(0.0, 1.0));
		let mut fade_per_cycle = rng.gen_range(0.000_08..0.000_14);
		if faulty_cell {
			fade_per_cycle *= 2.5;
		}
		let cycles = rng.gen_range(50.0..1_400.0);
		let capacity = NEW_CAPACITY_AH * (1.0 - fade_per_cycle * cycles);
		Self {
			vin: format!("CPCEV{:012}", index),
			faulty_cell,
			fade_per_cycle,
			cycles,
			soc: rng.gen_range(0.3..0.95),
			current_a: 0.0,
			charging: false,
			ambient_c: rng.gen_range(8.0..30.0),
			capacity_measured: capacity,
			rng,
		}
	}

	/// Capacity now, Ah.
	pub fn capacity_ah(&self) -> f64 {
		NEW_CAPACITY_AH * (1.0 - self.fade_per_cycle * self.cycles)
	}

	/// Advances `dt_s` seconds and returns the reading at `timestamp_ms` as a CSV line.
	pub fn step(&mut self, timestamp_ms: u64, dt_s: f64) -> String {
		let capacity = self.capacity_ah();
		let rng = &mut self.rng;
		// Driving draws 20 to 180 A; charging takes 60 to 120 A from 20 % until 90 %.
		// Parked 80 % of the time.
		let target = if self.charging {
			rng.gen_range(60.0..120.0)
		} else if rng.gen_bool(0.8) {
			0.0
		} else {
			-rng.gen_range(20.0..180.0)
		};
		self.current_a += (target - self.current_a) * 0.2;
		let delta_soc = self.current_a * dt_s / 3600.0 / capacity;
		self.soc = (self.soc + delta_soc).clamp(0.05, 1.0);
		self.cycles += delta_soc.abs() / 2.0;
		if !self.charging && self.soc < 0.2 {
			self.charging = true;
		} else if self.charging && self.soc > 0.9 {
			self.charging = false;
			// The BMS measures capacity at the end of a charge, within about 1 %.
			self.capacity_measured = capacity * (1.0 + rng.gen_range(-0.01..0.01));
		}
		let ocv = 3.3 + 0.85 * self.soc;
		let resistance = 0.0009;
		let cell_v = ocv + self.current_a * resistance;
		let weak = if self.faulty_cell { 0.06 + self.current_a.abs() * 0.0008 } else { 0.01 };
		let heat = self.current_a.abs() * 0.04;
		let t_min = self.ambient_c + heat * 0.6 + rng.gen_range(-0.2..0.2);
		let t_max = t_min + 1.5 + if self.faulty_cell { 4.0 + heat * 0.05 } else { 0.0 };
		format!(
			"{timestamp_ms},{},{:.2},{:.1},{:.1},{:.3},{:.3},{:.1},{:.1},{},{:.2}",
			self.vin,
			cell_v * CELLS,
			self.current_a,
			self.soc * 100.0,
			cell_v - weak,
			cell_v + 0.01,
			t_min,
			t_max,
			self.cycles as u64,
			self.capacity_measured,
		)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn readings_follow_the_schema_and_faulty_cells_show() {
		let mut healthy = Vehicle::new(1, 0, 0.0);
		let mut faulty = Vehicle::new(1, 1, 1.0);
		let columns = SCHEMA.split(',').count();
		let (mut spread_healthy, mut spread_faulty) = (0.0, 0.0);
		for second in 0..600 {
			let (a, b) = (healthy.step(second * 1000, 1.0), faulty.step(second * 1000, 1.0));
			assert_eq!(a.split(',').count(), columns, "{a}");
			let spread = |line: &str| {
				let f: Vec<f64> = line.split(',').skip(2).map(|v| v.parse().unwrap()).collect();
				f[4] - f[3]
			};
			spread_healthy += spread(&a);
			spread_faulty += spread(&b);
		}
		assert!(
			spread_faulty > 2.0 * spread_healthy,
			"a weak cell sags: {spread_faulty} {spread_healthy}"
		);
		assert!(healthy.capacity_ah() < NEW_CAPACITY_AH);
	}
}
