//! `cpchain-maintenance`: a maintenance company's view of a month of EV battery data bought on
//! CPChain (the light paper's predictive-maintenance use case). Reads the decrypted readings
//! (`cpchain market buy ... --out month.csv`), fits each vehicle's capacity fade, lists the
//! vehicles due for maintenance and draws the fleet's fade as an SVG chart.

mod fade;
mod plot;

use std::{fs::File, path::PathBuf, process::ExitCode};

use anyhow::{Context, Result};
use clap::Parser;
use serde_json::json;

/// Capacity fade per vehicle, and the vehicles due for maintenance, from a month of battery
/// readings.
#[derive(Parser)]
#[command(
	name = "cpchain-maintenance",
	version,
	after_help = "\
The readings are CSV with the fleet's schema (cpchain-fleet's: timestamp, vin, pack_a,
cell_v_min, cell_v_max, cycles, capacity_ah, ...). Capacity fade is fitted per vehicle as
C(n) = C0 (1 - k n) on the capacities measured at each full charge.

Exit codes: 0 done, 1 the file cannot be read, 2 wrong usage."
)]
struct Cli {
	/// The readings file.
	readings: PathBuf,
	/// Where to write the chart (SVG).
	#[arg(long, default_value = "fade.svg")]
	plot: PathBuf,
	/// Rated capacity of a new pack, Ah.
	#[arg(long, default_value_t = 180.0)]
	rated_ah: f64,
	/// Maintenance is due this many cycles before a pack reaches 80 % of rated capacity.
	#[arg(long, default_value_t = 300.0)]
	horizon_cycles: f64,
	/// Maintenance is due when the cell voltage spread under load exceeds this, volts.
	#[arg(long, default_value_t = 0.05)]
	max_cell_spread: f64,
	/// Print the assessment as JSON.
	#[arg(long)]
	json: bool,
}

fn main() -> ExitCode {
	match run(Cli::parse()) {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			eprintln!("error: {error:#}");
			ExitCode::FAILURE
		},
	}
}

fn run(cli: Cli) -> Result<()> {
	let file = File::open(&cli.readings)
		.with_context(|| format!("cannot open {}", cli.readings.display()))?;
	let vehicles = fade::read(file).with_context(|| format!("{}", cli.readings.display()))?;
	let mut assessments: Vec<_> = vehicles
		.iter()
		.map(|v| fade::assess(v, cli.rated_ah, cli.horizon_cycles, cli.max_cell_spread))
		.collect();
	std::fs::write(&cli.plot, plot::svg(&vehicles, &assessments, cli.rated_ah))
		.with_context(|| format!("cannot write {}", cli.plot.display()))?;
	assessments.sort_by(|a, b| a.cycles_left.total_cmp(&b.cycles_left));
	if cli.json {
		let rows: Vec<_> = assessments
			.iter()
			.map(|a| {
				json!({
					"vin": a.vin,
					"cycles": a.cycles,
					"state_of_health_pct": a.state_of_health,
					"fade_pct_per_100_cycles": a.fade_per_100_cycles,
					"cycles_left_to_80_pct": a.cycles_left,
					"cell_spread_v": a.cell_spread_v,
					"due": a.due,
				})
			})
			.collect();
		println!("{:#}", json!({ "vehicles": rows, "plot": cli.plot }));
		return Ok(());
	}
	println!(
		"{:<18} {:>7} {:>7} {:>13} {:>11} {:>9}  due",
		"vehicle", "cycles", "health", "fade/100 cyc", "cycles left", "cell mV"
	);
	for a in &assessments {
		println!(
			"{:<18} {:>7.0} {:>6.1}% {:>12.2}% {:>11.0} {:>9.0}  {}",
			a.vin,
			a.cycles,
			a.state_of_health,
			a.fade_per_100_cycles,
			a.cycles_left,
			a.cell_spread_v * 1000.0,
			a.due.as_deref().unwrap_or("-")
		);
	}
	let due = assessments.iter().filter(|a| a.due.is_some()).count();
	println!(
		"{due} of {} vehicles due for maintenance; chart in {}",
		assessments.len(),
		cli.plot.display()
	);
	Ok(())
}
