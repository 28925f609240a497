//! `cpchain-gateway run`: devices' readings in over MQTT, batched anchors out to the chain.

use std::{
	collections::VecDeque, io::IsTerminal, net::SocketAddr, path::PathBuf, process::ExitCode,
	sync::Arc, time::Duration,
};

use anyhow::{anyhow, bail, Context, Result};
use axum::{routing::get, Router};
use clap::{Parser, Subcommand};
use cpchain_client::{
	account,
	chain::{Chain, Error as ChainError},
	keystore::Keystore,
};
use cpchain_device::mqtt::TOPIC_FILTER;
use cpchain_gateway::{
	anchoring::{max_batch_anchors, Anchoring},
	campaign::{Contributor, Counts},
	devices::{Devices, SCHEMA_ATTRIBUTE},
	metrics::Metrics,
	Ingest,
};
use rumqttc::{AsyncClient, ClientError, Event, MqttOptions, Packet, QoS};
use tokio::sync::mpsc;
use tracing_subscriber::EnvFilter;

const AFTER_HELP: &str = "\
Devices publish to `cpchain/devices/<device id>/readings` and `.../anchor` (QoS 1); the
payloads are defined by the device crate (`cpchain_device::mqtt`). Each device's owner
authorizes the gateway's account once (`authorize_gateway`) and may set the device attribute
`schema` to the CSV header of its readings.

The data folder holds, per device, each batch as a CSV file with its signed anchor
(`<device>/<sequence>.csv` and `.anchor`): a fleet's data with its provenance, ready for
`cpchain data put`. Metrics for Prometheus at http://<listen>/metrics.

Exit codes:
  0  stopped by SIGINT or SIGTERM
  1  failed (data folder, port, broker address)
  2  wrong usage
  4  no node at --url";

/// The CPChain gateway: anchors a fleet's batches of readings, received over MQTT.
#[derive(Parser)]
#[command(name = "cpchain-gateway", version, after_help = AFTER_HELP)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Take devices' readings and anchors from the broker, check them, keep them on disk and
	/// anchor them, until stopped.
	///
	/// Logs go to standard error; set RUST_LOG (e.g. `RUST_LOG=debug`) for more.
	#[command(after_help = AFTER_HELP)]
	Run(Run),
	/// Write a period of the fleet's anchored batches to one readings file, and print the
	/// provenance to list it with (`cpchain data put FILE --provenance ...`).
	///
	/// Devices one after the other, each batch in sequence order, one CSV header at the top:
	/// only batches whose anchor the chain holds, and whose readings all fall in the period.
	Export(Export),
}

#[derive(clap::Args)]
struct Export {
	/// WebSocket address of a CPChain node.
	#[arg(long, env = "CPCHAIN_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// The gateway's data folder.
	#[arg(long)]
	data_dir: PathBuf,
	/// The file to write.
	#[arg(long)]
	out: PathBuf,
	/// The last this many days (instead of --since).
	#[arg(long, conflicts_with = "since")]
	days: Option<u64>,
	/// Start of the period, milliseconds since the Unix epoch.
	#[arg(long, default_value_t = 0)]
	since: u64,
	/// End of the period (excluded), milliseconds since the Unix epoch [default: now].
	#[arg(long)]
	until: Option<u64>,
}

#[derive(clap::Args)]
struct Run {
	/// WebSocket address of a CPChain node.
	#[arg(long, env = "CPCHAIN_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Keystore folder [default: $XDG_DATA_HOME/cpchain].
	#[arg(long, env = "CPCHAIN_KEYSTORE")]
	keystore: Option<PathBuf>,
	/// The gateway's account, which pays for the anchors: keystore name or dev URI (`//Bob`).
	#[arg(long)]
	account: String,
	/// The MQTT broker, `HOST:PORT`.
	#[arg(long, default_value = "127.0.0.1:1883")]
	mqtt: String,
	/// MQTT client id. The broker keeps this session's messages while the gateway is down:
	/// keep it across restarts.
	#[arg(long, default_value = "cpchain-gateway")]
	client_id: String,
	/// Folder for the batches.
	#[arg(long)]
	data_dir: PathBuf,
	/// Address for `/metrics` and `/health`.
	#[arg(long, default_value = "127.0.0.1:9466")]
	listen: SocketAddr,
	/// Most anchors in one extrinsic [default: the runtime's MaxBatchAnchors].
	#[arg(long)]
	max_anchors: Option<usize>,
	/// How long a closed batch may wait for others to share its extrinsic, in milliseconds.
	#[arg(long, default_value_t = 500)]
	linger_ms: u64,
	/// Contribute to this aggregates campaign for every device served: each window, the
	/// number of readings taken from the device during the window (capped at the campaign's
	/// maximum), encrypted for the campaign's committee. The devices' owners must have joined.
	#[arg(long)]
	campaign: Option<u64>,
	/// Blocks before a window's end at which its contributions are submitted.
	#[arg(long, default_value_t = 3, requires = "campaign")]
	contribute_lead: u32,
}

fn main() -> ExitCode {
	let command = Cli::parse().command;
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
	let result = match command {
		Command::Run(args) => runtime.block_on(run(args)),
		Command::Export(args) => runtime.block_on(export(args)),
	};
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			tracing::error!("{error:#}");
			let unreachable = matches!(error.downcast_ref(), Some(ChainError::Unreachable { .. }));
			ExitCode::from(if unreachable { 4 } else { 1 })
		},
	}
}

async fn export(args: Export) -> Result<()> {
	use cpchain_client::chain::{runtime, H256};
	let now = std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map_or(0, |d| d.as_millis() as u64);
	let since = args.days.map_or(args.since, |days| now.saturating_sub(days * 86_400_000));
	let chain = Chain::connect(&args.url).await?;
	let at = chain.at().await?;
	let mut devices = Vec::new();
	let mut header: Option<Vec<u8>> = None;
	let ids = Devices::on_disk(&args.data_dir)
		.with_context(|| format!("cannot read {}", args.data_dir.display()))?;
	for id in ids {
		let call = runtime::runtime_apis().device_registry_api().device(H256(id));
		let Some(details) = at.runtime_apis().call(call).await? else { continue };
		let schema = details.attributes.into_iter().find(|(k, _)| k == SCHEMA_ATTRIBUTE);
		let schema = schema.map(|(_, v)| v);
		if devices.is_empty() {
			header = schema;
		} else if schema != header {
			bail!("device 0x{} has another schema than the devices before it", hex::encode(id));
		}
		devices.push((id, details.anchor.sequence));
	}
	let mut out = std::io::BufWriter::new(
		std::fs::File::create(&args.out)
			.with_context(|| format!("cannot create {}", args.out.display()))?,
	);
	let until = args.until.unwrap_or(now);
	let parts = cpchain_gateway::export::export(
		&args.data_dir,
		&devices,
		header.as_deref(),
		since,
		until,
		&mut out,
	)?;
	std::io::Write::flush(&mut out)?;
	let readings: u64 = parts.iter().map(|p| p.readings).sum();
	eprintln!(
		"{readings} readings of {} devices in {}; list them with:",
		parts.len(),
		args.out.display()
	);
	let provenance: Vec<_> =
		parts.iter().map(|p| format!("--provenance {}", p.provenance())).collect();
	println!("{}", provenance.join(" "));
	Ok(())
}

async fn run(args: Run) -> Result<()> {
	let keystore = Keystore::open(args.keystore)?;
	let signer = account::signer(&keystore, &args.account)?;
	let (host, port) = args
		.mqtt
		.rsplit_once(':')
		.and_then(|(host, port)| Some((host.to_string(), port.parse::<u16>().ok()?)))
		.ok_or_else(|| anyhow!("--mqtt `{}` is not HOST:PORT", args.mqtt))?;
	std::fs::create_dir_all(&args.data_dir)
		.with_context(|| format!("cannot create {}", args.data_dir.display()))?;
	let chain = Chain::connect(&args.url).await?;
	let max_entries = match args.max_anchors {
		Some(0) => bail!("--max-anchors must be at least 1"),
		Some(n) => n,
		None => max_batch_anchors(&chain).await?,
	};
	let metrics = Arc::new(Metrics::new());
	let stale = Default::default();
	let me = account::account_id(&signer);

	let listener = tokio::net::TcpListener::bind(args.listen)
		.await
		.with_context(|| format!("cannot listen on {}", args.listen))?;
	let app = Router::new().route("/health", get(|| async { "ok" })).route(
		"/metrics",
		get({
			let metrics = metrics.clone();
			move || async move { metrics.render() }
		}),
	);
	tokio::spawn(async move { axum::serve(listener, app).await });

	// Closed batches wait here for the chain: at most four extrinsics' worth in memory, then
	// the ingest waits, and the broker holds the messages.
	let (closed_tx, closed_rx) = mpsc::channel(4 * max_entries);
	let anchoring = Anchoring {
		chain: chain.clone(),
		signer: signer.clone(),
		data: args.data_dir.clone(),
		max_entries,
		linger: Duration::from_millis(args.linger_ms),
		metrics: metrics.clone(),
		stale: Arc::clone(&stale),
	};
	tokio::spawn(anchoring.run(closed_rx));
	if let Some(campaign) = args.campaign {
		// A mistyped campaign is refused now, not retried for ever.
		cpchain_client::aggregate::details(&chain, campaign).await?;
	}
	let counts = args.campaign.map(|campaign| {
		let counts = Counts::default();
		let contributor = Contributor {
			chain: chain.clone(),
			signer: signer.clone(),
			campaign,
			lead: args.contribute_lead,
			counts: counts.clone(),
			metrics: metrics.clone(),
		};
		tokio::spawn(contributor.run());
		counts
	});
	let mut ingest = Ingest {
		devices: Devices::new(chain, me, args.data_dir.clone(), stale),
		closed: closed_tx,
		metrics,
		counts,
	};
	ingest.resume(&args.data_dir).await?;

	// A persistent session with manual acknowledgements: a message is acknowledged once its
	// readings are on disk, and the broker delivers again what was not (after a crash too).
	let mut options = MqttOptions::new(&args.client_id, host, port);
	options
		.set_clean_session(false)
		.set_manual_acks(true)
		.set_keep_alive(Duration::from_secs(30))
		.set_max_packet_size(MAX_MESSAGE, 1 << 16);
	let (client, mut eventloop) = AsyncClient::new(options, ACK_CAPACITY);
	// At most 64 messages of at most 256 KiB wait for the ingest: 16 MiB.
	let (messages_tx, mut messages_rx) = mpsc::channel(64);
	let subscriber = client.clone();
	tokio::spawn(async move {
		loop {
			match eventloop.poll().await {
				Ok(Event::Incoming(Packet::ConnAck(_))) => {
					tracing::info!("connected to the broker; subscribing to {TOPIC_FILTER}");
					if let Err(e) = subscriber.try_subscribe(TOPIC_FILTER, QoS::AtLeastOnce) {
						tracing::error!("cannot subscribe: {e}");
					}
				},
				Ok(Event::Incoming(Packet::Publish(publish))) => {
					if messages_tx.send(publish).await.is_err() {
						return;
					}
				},
				Ok(_) => {},
				Err(e) => {
					tracing::warn!("broker connection: {e}; reconnecting");
					tokio::time::sleep(Duration::from_secs(1)).await;
				},
			}
		}
	});
	tracing::info!("gateway ready: batches in {}", args.data_dir.display());

	let stop = async {
		let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
		tokio::select! {
			_ = tokio::signal::ctrl_c() => {},
			_ = term.recv() => {},
		}
		Ok::<_, std::io::Error>(())
	};
	let work = async {
		// Acknowledgements wait here while the connection's request queue is full: the
		// connection task may be waiting for this loop to take a message, and must not wait
		// for an acknowledgement in turn. (Under a flood they fall behind: rumqttc sends one
		// request for about ten packets it reads. A waiting acknowledgement is a few dozen bytes;
		// 51,000 of them at 500,000 readings a second on this machine, 2026-11-30.)
		let mut unacked = VecDeque::new();
		let mut status = tokio::time::interval(Duration::from_secs(10));
		loop {
			tokio::select! {
				message = messages_rx.recv() => {
					let Some(mut publish) = message else { bail!("the broker connection task ended") };
					ingest.handle(&publish.topic, &publish.payload).await;
					// An acknowledgement needs the packet id only.
					(publish.topic, publish.payload) = Default::default();
					unacked.push_back(publish);
				},
				_ = status.tick() => ingest.log_status(unacked.len()),
			}
			while let Some(publish) = unacked.front() {
				match client.try_ack(publish) {
					Ok(()) => drop(unacked.pop_front()),
					Err(ClientError::TryRequest(_)) => break,
					Err(_) => bail!("the broker connection task ended"),
				}
			}
		}
	};
	tokio::select! {
		result = stop => {
			result?;
			tracing::info!("stopping; what is not anchored yet is on disk and resumes at the next start");
			Ok(())
		},
		result = work => result,
	}
}

/// The largest message taken from the broker.
const MAX_MESSAGE: usize = 256 << 10;
/// Acknowledgements and subscriptions the broker connection may have queued.
const ACK_CAPACITY: usize = 4096;
