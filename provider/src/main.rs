//! `cpchain-provider run`: the storage provider daemon.

use std::{io::IsTerminal, net::SocketAddr, path::PathBuf, process::ExitCode, sync::Arc};

use anyhow::{anyhow, Context, Result};
use clap::{Parser, Subcommand};
use cpchain_client::{
	account::{self, parse_amount},
	chain::{Chain, Error as ChainError},
	keystore::Keystore,
};
use cpchain_provider::{
	follow::{Policy, Provider},
	http::{router, serve, AppState, BODY_TIMEOUT, HEADER_TIMEOUT},
	metrics::Metrics,
	store::Store,
};
use tracing_subscriber::EnvFilter;

const EXIT_CODES: &str = "\
Exit codes:
  0  stopped by SIGINT or SIGTERM
  1  failed (data folder, port, a refused registration)
  2  wrong usage
  4  no node at --url, or it went away";

/// A CPChain storage provider.
#[derive(Parser)]
#[command(name = "cpchain-provider", version, after_help = EXIT_CODES)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Register (or reuse the registration), then accept orders, take uploads, serve
	/// segments and answer challenges until stopped.
	///
	/// Logs go to standard error; set RUST_LOG (e.g. `RUST_LOG=debug`) for more.
	Run(Run),
}

#[derive(clap::Args)]
struct Run {
	/// WebSocket address of a CPChain node.
	#[arg(long, env = "CPCHAIN_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Keystore folder [default: $XDG_DATA_HOME/cpchain].
	#[arg(long, env = "CPCHAIN_KEYSTORE")]
	keystore: Option<PathBuf>,
	/// The provider's account: keystore name or dev URI (`//Charlie`).
	#[arg(long)]
	account: String,
	/// Stake to hold when registering, in CPC (at least the chain's minimum, 100 CPC).
	#[arg(long, default_value = "100")]
	stake: String,
	/// Bytes offered, such as `500MiB` or `2TB`.
	#[arg(long, value_parser = parse_size)]
	capacity: u64,
	/// The URL clients reach this provider at, published on chain.
	#[arg(long)]
	endpoint: String,
	/// Address to listen on [default: 127.0.0.1 and the endpoint's port].
	#[arg(long)]
	listen: Option<SocketAddr>,
	/// Folder for the content and the index.
	#[arg(long)]
	data_dir: PathBuf,
	/// Least fee per byte and replica over an order's duration, in plancks.
	#[arg(long, default_value_t = 0)]
	min_fee_per_byte: u128,
	/// Largest order accepted [default: the capacity].
	#[arg(long, value_parser = parse_size)]
	max_order_size: Option<u64>,
}

/// A size in bytes with an optional unit: `1024`, `64KiB`, `500MB`, `2GiB`.
fn parse_size(text: &str) -> Result<u64, String> {
	let text = text.trim();
	let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
	let (number, unit) = text.split_at(split);
	let number: u64 =
		number.parse().map_err(|_| format!("`{text}` is not a size such as 500MiB"))?;
	let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
		"" | "b" => 1,
		"kb" => 1_000,
		"kib" => 1 << 10,
		"mb" => 1_000_000,
		"mib" => 1 << 20,
		"gb" => 1_000_000_000,
		"gib" => 1 << 30,
		"tb" => 1_000_000_000_000,
		"tib" => 1 << 40,
		_ => {
			return Err(format!(
				"unknown unit in `{text}` (use B, KB, KiB, MB, MiB, GB, GiB, TB, TiB)"
			))
		},
	};
	number.checked_mul(factor).ok_or_else(|| format!("`{text}` is too large"))
}

fn main() -> ExitCode {
	let Command::Run(args) = Cli::parse().command;
	tracing_subscriber::fmt()
		.with_env_filter(
			EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
		)
		.with_writer(std::io::stderr)
		.with_ansi(std::io::stderr().is_terminal())
		.init();
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("error: cannot start: {e}");
			return ExitCode::FAILURE;
		},
	};
	match runtime.block_on(run(args)) {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			tracing::error!("{error:#}");
			let unreachable = matches!(
				error.downcast_ref(),
				Some(ChainError::Unreachable { .. } | ChainError::Timeout)
			);
			ExitCode::from(if unreachable { 4 } else { 1 })
		},
	}
}

async fn run(args: Run) -> Result<()> {
	let keystore = Keystore::open(args.keystore)?;
	let signer = account::signer(&keystore, &args.account)?;
	let stake = parse_amount(&args.stake)?;
	let listen = match args.listen {
		Some(listen) => listen,
		None => {
			let port = args
				.endpoint
				.rsplit(':')
				.next()
				.and_then(|p| p.trim_end_matches('/').parse::<u16>().ok())
				.ok_or_else(|| anyhow!("--endpoint has no port: pass --listen"))?;
			SocketAddr::from(([127, 0, 0, 1], port))
		},
	};
	let store = Arc::new(
		Store::open(&args.data_dir)
			.with_context(|| format!("data folder {}", args.data_dir.display()))?,
	);
	let metrics = Arc::new(Metrics::new());
	metrics.stored_bytes.set(store.stored_bytes() as i64);
	let listener = tokio::net::TcpListener::bind(listen)
		.await
		.with_context(|| format!("cannot listen on {listen}"))?;

	let chain = Chain::connect(&args.url).await?;
	let policy = Policy {
		min_fee_per_byte: args.min_fee_per_byte,
		max_order_size: args.max_order_size.unwrap_or(args.capacity),
	};
	let provider = Arc::new(Provider::new(chain, signer, store.clone(), metrics.clone(), policy));
	let registration = provider.register(stake, args.capacity, &args.endpoint).await?;
	tracing::info!(account = %provider.account, endpoint = %args.endpoint, "{registration}");

	let app = router(Arc::new(AppState { store, metrics, body_timeout: BODY_TIMEOUT }));
	let server = serve(listener, app, HEADER_TIMEOUT, shutdown());
	tracing::info!(%listen, "serving segments");
	provider.catch_up().await?;
	tokio::select! {
		() = server => Ok(()),
		followed = provider.clone().follow() => followed,
	}
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown() {
	let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
	tokio::select! {
		_ = tokio::signal::ctrl_c() => {},
		_ = async { match term.as_mut() { Some(t) => { t.recv().await; }, None => std::future::pending().await } } => {},
	}
	tracing::info!("stopping");
}

#[cfg(test)]
mod tests {
	use super::parse_size;

	#[test]
	fn sizes_with_units() {
		assert_eq!(parse_size("1024"), Ok(1024));
		assert_eq!(parse_size("64KiB"), Ok(65536));
		assert_eq!(parse_size("500 MB"), Ok(500_000_000));
		assert_eq!(parse_size("2GiB"), Ok(2 << 30));
		assert!(parse_size("12XB").is_err());
		assert!(parse_size("GiB").is_err());
		assert!(parse_size("99999999999TiB").is_err());
	}
}
