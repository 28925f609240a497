//! Command line: global options, output for people or scripts, and exit codes.

mod account;
mod agent;
mod aggregate;
mod data;
mod device;
mod market;
mod proxy;

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};
use cpchain_client::{
	chain::{Chain, Error as ChainError},
	keystore::Keystore,
};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;

const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  failed (bad input, a file, a check that did not pass)
  2  wrong usage (unknown command or option)
  3  the chain refused the transaction (the pallet's error is printed)
  4  no node at --url, or the transaction was not included in time";

/// A CPChain client: accounts, devices and their data anchors, datasets, the market.
///
/// Keys live in the keystore (one file per key, readable by you only). Anywhere an account
/// signs, a dev account URI such as `//Alice` works too, for development chains.
#[derive(Parser)]
#[command(name = "cpchain", version, after_help = EXIT_CODES)]
struct Cli {
	/// WebSocket address of a CPChain node.
	#[arg(long, global = true, env = "CPCHAIN_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Keystore folder [default: $XDG_DATA_HOME/cpchain, i.e. ~/.local/share/cpchain].
	#[arg(long, global = true, env = "CPCHAIN_KEYSTORE")]
	keystore: Option<PathBuf>,
	/// Print one JSON object instead of text, for scripts.
	#[arg(long, global = true)]
	json: bool,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Accounts: make, import, list, balances and transfers.
	#[command(subcommand)]
	Account(account::Command),
	/// Devices: keys, registration, anchoring readings, provenance checks.
	#[command(subcommand)]
	Device(device::Command),
	/// Datasets: encrypt and store with providers, list for sale.
	#[command(subcommand)]
	Data(data::Command),
	/// The market: search, inspect, buy, refund, rate.
	#[command(subcommand)]
	Market(market::Command),
	/// The seller's agent, which answers purchases with re-encrypted keys.
	#[command(subcommand)]
	Agent(agent::Command),
	/// Re-encryption proxies, which answer purchases for the sellers that delegate to them.
	#[command(subcommand)]
	Proxy(proxy::Command),
	/// Aggregates: devices' encrypted values summed on chain, decrypted only as window totals
	/// by a committee.
	#[command(subcommand)]
	Aggregate(aggregate::Command),
}

/// What a command needs from the global options.
pub struct Context {
	url: String,
	keystore: Keystore,
	json: bool,
}

impl Context {
	/// A connection to the node at `--url`.
	pub async fn chain(&self) -> Result<Chain, ChainError> {
		Chain::connect(&self.url).await
	}

	/// Prints a command's result: `json` with `--json`, else `text`.
	pub fn print(&self, text: impl std::fmt::Display, json: Value) {
		if self.json {
			println!("{json}");
		} else {
			println!("{text}");
		}
	}

	/// A progress bar over `len` bytes, hidden with `--json` or when stderr is no terminal.
	pub fn bar(&self, len: u64, message: impl Into<String>) -> ProgressBar {
		let bar = if self.json { ProgressBar::hidden() } else { ProgressBar::new(len) };
		bar.set_style(
			ProgressStyle::with_template(
				"{msg:24} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} {eta}",
			)
			.expect("a valid template")
			.progress_chars("=> "),
		);
		bar.set_message(message.into());
		bar
	}

	/// A spinner for a wait of unknown length.
	pub fn spinner(&self, message: impl Into<String>) -> ProgressBar {
		let spinner = if self.json { ProgressBar::hidden() } else { ProgressBar::new_spinner() };
		spinner.set_message(message.into());
		spinner.enable_steady_tick(std::time::Duration::from_millis(200));
		spinner
	}

	/// The folder for work in progress (sealed content, resumable transfers).
	pub fn work_dir(&self, what: &str) -> std::io::Result<PathBuf> {
		let dir = self.keystore.root().join(what);
		std::fs::create_dir_all(&dir)?;
		Ok(dir)
	}
}

pub fn main() -> ExitCode {
	let cli = Cli::parse();
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => return fail(&anyhow::anyhow!("cannot start: {e}"), cli.json),
	};
	let result = runtime.block_on(async {
		let context =
			Context { url: cli.url, keystore: Keystore::open(cli.keystore)?, json: cli.json };
		match cli.command {
			Command::Account(command) => account::run(command, &context).await,
			Command::Device(command) => device::run(command, &context).await,
			Command::Data(command) => data::run(command, &context).await,
			Command::Market(command) => market::run(command, &context).await,
			Command::Agent(command) => agent::run(command, &context).await,
			Command::Proxy(command) => proxy::run(command, &context).await,
			Command::Aggregate(command) => aggregate::run(command, &context).await,
		}
	});
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => fail(&error, cli.json),
	}
}

/// Prints `error` on stderr (as JSON with `--json`) and returns its exit code.
fn fail(error: &anyhow::Error, json: bool) -> ExitCode {
	let code = match error.downcast_ref::<ChainError>() {
		Some(ChainError::Rejected { .. } | ChainError::Dispatch(_) | ChainError::Invalid(_)) => 3,
		Some(ChainError::Unreachable { .. } | ChainError::Timeout) => 4,
		_ => 1,
	};
	if json {
		let mut object = serde_json::json!({ "error": format!("{error:#}"), "exit_code": code });
		if let Some(ChainError::Rejected { pallet, name, doc }) = error.downcast_ref() {
			object["pallet"] = pallet.clone().into();
			object["name"] = name.clone().into();
			object["doc"] = doc.clone().into();
		}
		eprintln!("{object}");
	} else {
		eprintln!("error: {error:#}");
	}
	ExitCode::from(code)
}
