//! `cpchain-fleet`: a fleet of simulated electric vehicles. Each vehicle's battery-management
//! system is a CPChain device: it signs with the device crate, publishes its readings and the
//! anchor of each batch over MQTT to a gateway, and this program measures how fast and how late
//! the readings end up in finalized anchors on chain.

mod ev;

use std::{
	collections::{BTreeMap, HashMap, HashSet},
	process::ExitCode,
	sync::{Arc, Mutex},
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use anyhow::{anyhow, bail, Context, Result};
use clap::Parser;
use cpchain_client::{
	account,
	chain::{runtime, AccountId32, Chain, Error as ChainError, H256},
	keystore::Keystore,
};
use cpchain_device::{
	mqtt::{anchor_message, Kind, ReadingsWriter, Topic},
	Batch, Device, DeviceKey, Hash, Keypair,
};
use futures::StreamExt;
use rand::{rngs::StdRng, Rng, SeedableRng};
use rumqttc::{AsyncClient, MqttOptions, QoS};
use serde_json::json;
use subxt::utils::{MultiAddress, Static};

const AFTER_HELP: &str = "\
The vehicles are registered on chain under --owner the first time (deterministic keys from
--seed: the same seed finds the same fleet again), with their CSV schema as the `schema`
attribute, and --owner authorizes the --gateway account. Then, for --duration seconds, each
vehicle takes --rate readings a second, publishes them each second and closes a batch every
--interval seconds with its signed anchor; the batch boundaries of the vehicles are spread
over the interval. A cpchain-gateway on the same broker anchors them.

Measured from the finalized blocks: readings per second that reach a finalized anchor (after
the first interval, while the fleet publishes), and the latency from a batch's signature, and
from each reading, to its anchor's finalization (p50, p99).

Exit codes:
  0  every batch's anchor was finalized, and no corrupted one (--corrupt-every)
  1  batches missing, or a corrupted anchor accepted; or a failure
  2  wrong usage
  4  no node at --url";

/// A simulated fleet of electric vehicles publishing signed battery data over MQTT.
#[derive(Parser)]
#[command(name = "cpchain-fleet", version, after_help = AFTER_HELP)]
struct Cli {
	/// WebSocket address of a CPChain node.
	#[arg(long, env = "CPCHAIN_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// Keystore folder [default: $XDG_DATA_HOME/cpchain].
	#[arg(long, env = "CPCHAIN_KEYSTORE")]
	keystore: Option<std::path::PathBuf>,
	/// The fleet operator who owns the vehicles: keystore name or dev URI.
	#[arg(long, default_value = "//Alice")]
	owner: String,
	/// The gateway's account, authorized by the owner: keystore name, dev URI or address.
	#[arg(long, default_value = "//Bob")]
	gateway: String,
	/// The MQTT broker, `HOST:PORT`.
	#[arg(long, default_value = "127.0.0.1:1883")]
	mqtt: String,
	/// Vehicles.
	#[arg(long, default_value_t = 100)]
	vehicles: u32,
	/// Readings a second per vehicle.
	#[arg(long, default_value_t = 10)]
	rate: u32,
	/// Seconds per batch.
	#[arg(long, default_value_t = 10)]
	interval: u32,
	/// Seconds of publishing.
	#[arg(long, default_value_t = 60)]
	duration: u32,
	/// Seconds to wait, after publishing, for the last anchors to be finalized.
	#[arg(long, default_value_t = 60)]
	settle: u32,
	/// Seed of the vehicles' keys and behaviour.
	#[arg(long, default_value_t = 1)]
	seed: u64,
	/// Share of vehicles with a faulty cell.
	#[arg(long, default_value_t = 0.05)]
	faulty_share: f64,
	/// MQTT connections the vehicles share.
	#[arg(long, default_value_t = 4)]
	connections: u32,
	/// Corrupt the signature of every Nth anchor (0: none), to see the gateway refuse them.
	#[arg(long, default_value_t = 0)]
	corrupt_every: u64,
	/// Instead of publishing live, replay this many days of history as fast as the gateway
	/// takes it (one reading every --every seconds, batches of --interval seconds): a month of
	/// a fleet's data in minutes. --rate and --duration are then unused.
	#[arg(long, default_value_t = 0)]
	history_days: u32,
	/// Seconds between readings of a vehicle in --history-days.
	#[arg(long, default_value_t = 600)]
	every: u32,
	/// Print the report as JSON.
	#[arg(long)]
	json: bool,
}

fn main() -> ExitCode {
	let cli = Cli::parse();
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("error: cannot start: {e}");
			return ExitCode::FAILURE;
		},
	};
	match runtime.block_on(run(cli)) {
		Ok(true) => ExitCode::SUCCESS,
		Ok(false) => ExitCode::FAILURE,
		Err(error) => {
			eprintln!("error: {error:#}");
			let unreachable = matches!(error.downcast_ref(), Some(ChainError::Unreachable { .. }));
			ExitCode::from(if unreachable { 4 } else { 1 })
		},
	}
}

fn now_ms() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// A vehicle's device: its key, id and state on chain.
struct Member {
	index: u32,
	keypair_seed: [u8; 32],
	key: DeviceKey,
	id: Hash,
	/// The key's registration nonce for this device.
	nonce: u32,
	last_sequence: u64,
}

/// A batch sealed by a vehicle, waiting for its anchor to be finalized.
struct Sealed {
	sealed_ms: u64,
	count: u32,
	start: u64,
	end: u64,
	corrupt: bool,
}

/// What the finalized blocks showed.
#[derive(Default)]
struct Measured {
	sealed: HashMap<(Hash, u64), Sealed>,
	/// (finalized at, readings) of each fleet anchor finalized.
	finalized: Vec<(u64, u32)>,
	/// Latency from signature to finalization, ms, per batch.
	batch_latency: Vec<u64>,
	/// Latency from reading to finalization, ms: (latency, readings) per batch, spread.
	reading_latency: BTreeMap<u64, u64>,
	corrupt_accepted: u64,
	unknown: u64,
}

async fn run(cli: Cli) -> Result<bool> {
	if cli.vehicles == 0 || cli.rate == 0 || cli.interval == 0 || cli.connections == 0 {
		bail!("--vehicles, --rate, --interval and --connections must be at least 1");
	}
	let keystore = Keystore::open(cli.keystore.clone())?;
	let owner = account::signer(&keystore, &cli.owner)?;
	let gateway = account::resolve(&keystore, &cli.gateway)?;
	let (host, port) = cli
		.mqtt
		.rsplit_once(':')
		.and_then(|(host, port)| Some((host.to_string(), port.parse::<u16>().ok()?)))
		.ok_or_else(|| anyhow!("--mqtt `{}` is not HOST:PORT", cli.mqtt))?;
	let chain = Chain::connect(&cli.url).await?;
	let genesis = chain.genesis_hash().0;

	let members = enrol(&chain, &owner, &cli, &genesis).await?;
	authorize(&chain, &owner, &gateway).await?;
	eprintln!("fleet: {} vehicles on chain, gateway {gateway} authorized", members.len());

	let measured = Arc::new(Mutex::new(Measured::default()));
	let ids: HashSet<Hash> = members.iter().map(|m| m.id).collect();
	let watcher = tokio::spawn(watch(chain.clone(), ids, measured.clone()));

	let mut clients = Vec::new();
	for c in 0..cli.connections {
		let mut options =
			MqttOptions::new(format!("cpchain-fleet-{}-{c}", cli.seed), host.clone(), port);
		options.set_keep_alive(Duration::from_secs(30)).set_max_packet_size(1 << 16, 1 << 20);
		let (client, mut eventloop) = AsyncClient::new(options, 256);
		tokio::spawn(async move {
			loop {
				if let Err(e) = eventloop.poll().await {
					eprintln!("fleet: broker connection: {e}; reconnecting");
					tokio::time::sleep(Duration::from_secs(1)).await;
				}
			}
		});
		clients.push(client);
	}

	let started = now_ms();
	let mut groups: Vec<Vec<Member>> = (0..cli.connections).map(|_| Vec::new()).collect();
	for member in members {
		groups[(member.index % cli.connections) as usize].push(member);
	}
	let settings = Arc::new(Settings {
		genesis,
		rate: cli.rate,
		interval: cli.interval,
		duration: cli.duration,
		vehicles: cli.vehicles,
		seed: cli.seed,
		faulty_share: cli.faulty_share,
		corrupt_every: cli.corrupt_every,
		history_days: cli.history_days,
		every: cli.every,
	});
	let drivers: Vec<_> = groups
		.into_iter()
		.zip(clients)
		.map(|(group, client)| {
			tokio::spawn(drive(group, client, settings.clone(), measured.clone()))
		})
		.collect();
	let mut published = 0u64;
	let mut behind = 0u64;
	for driver in drivers {
		let (readings, late) = driver.await.context("a vehicle task failed")??;
		published += readings;
		behind += late;
	}
	let publish_end = now_ms();

	// Wait for the last anchors.
	let deadline = Instant::now() + Duration::from_secs(cli.settle.into());
	loop {
		let waiting =
			measured.lock().expect("not poisoned").sealed.values().filter(|s| !s.corrupt).count();
		if waiting == 0 || Instant::now() > deadline {
			break;
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	watcher.abort();
	let m = measured.lock().expect("not poisoned");
	Ok(report(&cli, &m, started, publish_end, published, behind))
}

/// Registers the vehicles not registered yet; returns all with their chain state.
async fn enrol(
	chain: &Chain,
	owner: &subxt_signer::sr25519::Keypair,
	cli: &Cli,
	genesis: &Hash,
) -> Result<Vec<Member>> {
	use runtime::runtime_types::{
		bounded_collections::bounded_vec::BoundedVec, pallet_device_registry::types::DeviceMetadata,
	};
	let owner_id = account::account_id(owner);
	let at = chain.at().await?;
	let api = runtime::runtime_apis().device_registry_api();
	let mut members = Vec::new();
	let mut to_register = Vec::new();
	let looking = Instant::now();
	for index in 0..cli.vehicles {
		let mut seed = [0u8; 32];
		StdRng::seed_from_u64(cli.seed.wrapping_mul(1_000_003) ^ u64::from(index)).fill(&mut seed);
		let key = Keypair::from_seed(&seed).public();
		let record = at.runtime_apis().call(api.key_record(Static(key))).await?;
		if record.revoked {
			bail!("vehicle {index}'s key was revoked: use another --seed");
		}
		let (nonce, registered) = match record.device {
			Some(id) => (record.nonce - 1, Some(id)),
			None => (record.nonce, None),
		};
		let id = cpchain_primitives::device::device_id(&H256(*genesis), &key, nonce).0;
		let last_sequence = match registered {
			Some(_) => {
				let details = at
					.runtime_apis()
					.call(api.device(H256(id)))
					.await?
					.ok_or_else(|| anyhow!("vehicle {index}'s device is gone"))?;
				if details.owner != owner_id {
					bail!("vehicle {index} is owned by {}, not --owner", details.owner);
				}
				details.anchor.sequence
			},
			None => {
				to_register.push(index);
				0
			},
		};
		members.push(Member { index, keypair_seed: seed, key, id, nonce, last_sequence });
	}
	eprintln!(
		"fleet: {} vehicles looked up on chain in {:.1} s",
		members.len(),
		looking.elapsed().as_secs_f64()
	);
	if to_register.is_empty() {
		return Ok(members);
	}
	let registering = Instant::now();
	let calls = to_register.into_iter().map(|index| {
		let m = &members[index as usize];
		let keypair = Keypair::from_seed(&m.keypair_seed);
		let proof = keypair.prove_possession(genesis, &owner_id.0, m.nonce);
		let metadata = DeviceMetadata {
			kind: BoundedVec(b"ev-bms/1".to_vec()),
			firmware_hash: H256([0x42; 32]),
			attributes: BoundedVec(vec![
				(BoundedVec(b"vin".to_vec()), BoundedVec(format!("CPCEV{index:012}").into_bytes())),
				(BoundedVec(b"schema".to_vec()), BoundedVec(ev::SCHEMA.as_bytes().to_vec())),
			]),
		};
		runtime::tx().device_registry().register_device(Static(m.key), metadata, Static(proof))
	});
	let results: Vec<_> = futures::stream::iter(calls)
		.map(|call| async move { chain.submit(&call, owner).await })
		.buffer_unordered(64)
		.collect()
		.await;
	let registered = results.len();
	for result in results {
		result.context("registering a vehicle")?;
	}
	eprintln!(
		"fleet: {registered} vehicles registered in {:.1} s",
		registering.elapsed().as_secs_f64()
	);
	Ok(members)
}

/// Has `owner` authorize `gateway`, unless it has or they are the same account.
async fn authorize(
	chain: &Chain,
	owner: &subxt_signer::sr25519::Keypair,
	gateway: &AccountId32,
) -> Result<()> {
	let owner_id = account::account_id(owner);
	if &owner_id == gateway {
		return Ok(());
	}
	let at = chain.at().await?;
	let authorized = at
		.storage()
		.entry(runtime::storage().device_registry().gateways())?
		.try_fetch((owner_id, gateway.clone()))
		.await?
		.is_some();
	if !authorized {
		let call =
			runtime::tx().device_registry().authorize_gateway(MultiAddress::Id(gateway.clone()));
		chain.submit(&call, owner).await.context("authorizing the gateway")?;
	}
	Ok(())
}

/// Records the fleet's anchors as finalized blocks bring them.
async fn watch(chain: Chain, fleet: HashSet<Hash>, measured: Arc<Mutex<Measured>>) -> Result<()> {
	let mut blocks = chain.api().stream_blocks().await?;
	while let Some(block) = blocks.next().await {
		let events = block?.at().await?.events().fetch().await?;
		let now = now_ms();
		let mut m = measured.lock().expect("not poisoned");
		for anchored in events.find::<runtime::device_registry::events::DataAnchored>() {
			let anchored = anchored?;
			let device = anchored.device.0;
			if !fleet.contains(&device) {
				continue;
			}
			let anchor = anchored.anchor.0;
			let Some(sealed) = m.sealed.remove(&(device, anchor.sequence)) else {
				m.unknown += 1;
				continue;
			};
			if sealed.corrupt {
				m.corrupt_accepted += 1;
			}
			m.finalized.push((now, sealed.count));
			m.batch_latency.push(now.saturating_sub(sealed.sealed_ms));
			// Readings are evenly spaced over the batch's time range.
			let step = (sealed.end - sealed.start) as f64 / f64::from(sealed.count.max(2) - 1);
			for i in 0..sealed.count {
				let taken = sealed.start + (step * f64::from(i)) as u64;
				*m.reading_latency.entry(now.saturating_sub(taken) / 10 * 10).or_default() += 1;
			}
		}
	}
	Ok(())
}

struct Settings {
	genesis: Hash,
	rate: u32,
	interval: u32,
	duration: u32,
	vehicles: u32,
	seed: u64,
	faulty_share: f64,
	corrupt_every: u64,
	/// Replay this many days of history (one reading every `every` seconds) instead of
	/// publishing live.
	history_days: u32,
	every: u32,
}

/// One vehicle: its device, its battery, its open batch.
struct Running {
	device: Device,
	vehicle: ev::Vehicle,
	batch: Batch,
	/// Seconds until this vehicle's batch closes (live).
	left: u32,
	readings_topic: String,
	anchor_topic: String,
}

/// A connection's publishing: readings messages and anchors.
struct Publisher {
	client: AsyncClient,
	buffer: Vec<u8>,
	settings: Arc<Settings>,
	measured: Arc<Mutex<Measured>>,
	anchors: u64,
}

impl Publisher {
	/// Takes `count` readings of `v`, `spacing_ms` apart from `start_ms`, into its batch and
	/// publishes them, as many to a message as fit.
	async fn take(
		&mut self,
		v: &mut Running,
		start_ms: u64,
		count: u64,
		spacing_ms: u64,
	) -> Result<()> {
		let sequence = v.device.last_sequence() + 1;
		let mut message =
			ReadingsWriter::new(&mut self.buffer, sequence, v.batch.len()).expect("buffer");
		for i in 0..count {
			let timestamp = start_ms + i * spacing_ms;
			let record = v.vehicle.step(timestamp, spacing_ms as f64 / 1000.0);
			v.batch.push(timestamp, record.as_bytes()).map_err(|_| anyhow!("batch full"))?;
			if !message.push(timestamp, record.as_bytes()) {
				let bytes = message.as_bytes().to_vec();
				self.client.publish(&v.readings_topic, QoS::AtLeastOnce, false, bytes).await?;
				message = ReadingsWriter::new(&mut self.buffer, sequence, v.batch.len() - 1)
					.expect("buffer");
				message.push(timestamp, record.as_bytes());
			}
		}
		let bytes = message.as_bytes().to_vec();
		self.client.publish(&v.readings_topic, QoS::AtLeastOnce, false, bytes).await?;
		Ok(())
	}

	/// Seals `v`'s batch and publishes its anchor (every `--corrupt-every`th with a forged
	/// signature), recorded for the measurement.
	async fn seal(&mut self, v: &mut Running) -> Result<()> {
		if v.batch.is_empty() {
			return Ok(());
		}
		let (anchor, mut signature) =
			v.device.seal(&v.batch).ok_or_else(|| anyhow!("cannot seal"))?;
		self.anchors += 1;
		let every = self.settings.corrupt_every;
		let corrupt = every > 0 && self.anchors % every == 0;
		if corrupt {
			signature.0[0] ^= 1;
		}
		self.measured.lock().expect("not poisoned").sealed.insert(
			(v.device.id(), anchor.sequence),
			Sealed {
				sealed_ms: now_ms(),
				count: anchor.reading_count,
				start: anchor.time_start,
				end: anchor.time_end,
				corrupt,
			},
		);
		let payload = anchor_message(&anchor, &signature).to_vec();
		self.client.publish(&v.anchor_topic, QoS::AtLeastOnce, false, payload).await?;
		v.batch = Batch::new();
		Ok(())
	}
}

/// One connection's vehicles: live, second by second, or replaying their history. Returns the
/// readings published and the seconds the task was late (the simulator not keeping up).
async fn drive(
	members: Vec<Member>,
	client: AsyncClient,
	settings: Arc<Settings>,
	measured: Arc<Mutex<Measured>>,
) -> Result<(u64, u64)> {
	let mut running: Vec<Running> = members
		.into_iter()
		.map(|m| Running {
			device: Device::new(
				Keypair::from_seed(&m.keypair_seed),
				&settings.genesis,
				m.nonce,
				m.last_sequence,
			),
			vehicle: ev::Vehicle::new(settings.seed, m.index, settings.faulty_share),
			batch: Batch::new(),
			// Spread the batch boundaries over the interval.
			left: 1 + (m.index * settings.interval / settings.vehicles.max(1)) % settings.interval,
			readings_topic: Topic::new(&m.id, Kind::Readings).as_str().to_string(),
			anchor_topic: Topic::new(&m.id, Kind::Anchor).as_str().to_string(),
		})
		.collect();
	let mut publisher = Publisher {
		client,
		buffer: vec![0u8; 60_000],
		settings: settings.clone(),
		measured,
		anchors: 0,
	};
	let mut published = 0u64;
	if settings.history_days > 0 {
		let every = u64::from(settings.every.max(1));
		let per_batch = (u64::from(settings.interval) / every).max(1);
		let end = now_ms();
		let start = end - u64::from(settings.history_days) * 86_400_000;
		for v in &mut running {
			let mut t = start;
			while t < end {
				let count = per_batch.min((end - t) / (every * 1000)).max(1);
				publisher.take(v, t, count, every * 1000).await?;
				publisher.seal(v).await?;
				published += count;
				t += count * every * 1000;
			}
		}
		return Ok((published, 0));
	}
	let mut ticker = tokio::time::interval(Duration::from_secs(1));
	ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
	let mut late = 0u64;
	let spacing = 1000 / u64::from(settings.rate).max(1);
	for second in 0..=settings.duration {
		let tick = ticker.tick().await;
		if tick.elapsed() > Duration::from_millis(500) {
			late += 1;
		}
		let last = second == settings.duration;
		// The readings of the second that just ended, published now.
		let start_ms = now_ms().saturating_sub(1000);
		for v in &mut running {
			if !last {
				publisher.take(v, start_ms, settings.rate.into(), spacing).await?;
				published += u64::from(settings.rate);
				v.left -= 1;
			}
			if v.left == 0 || last {
				publisher.seal(v).await?;
				v.left = settings.interval;
			}
		}
	}
	Ok((published, late))
}

fn percentile(sorted: &[u64], p: f64) -> u64 {
	if sorted.is_empty() {
		return 0;
	}
	sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn weighted_percentile(histogram: &BTreeMap<u64, u64>, p: f64) -> u64 {
	let total: u64 = histogram.values().sum();
	let target = (total as f64 * p).ceil() as u64;
	let mut seen = 0;
	for (value, count) in histogram {
		seen += count;
		if seen >= target.max(1) {
			return *value;
		}
	}
	0
}

/// Prints the report; returns whether the run was clean.
fn report(
	cli: &Cli,
	m: &Measured,
	started: u64,
	publish_end: u64,
	published: u64,
	behind: u64,
) -> bool {
	// Steady state: after the first interval, until publishing ended.
	let window_start = started + u64::from(cli.interval) * 1000;
	let window_ms = publish_end.saturating_sub(window_start).max(1);
	let in_window: u64 = m
		.finalized
		.iter()
		.filter(|(at, _)| (window_start..=publish_end).contains(at))
		.map(|(_, count)| u64::from(*count))
		.sum();
	let rate = in_window as f64 * 1000.0 / window_ms as f64;
	let finalized_readings: u64 = m.finalized.iter().map(|(_, c)| u64::from(*c)).sum();
	let mut batch_latency = m.batch_latency.clone();
	batch_latency.sort_unstable();
	let missing = m.sealed.values().filter(|s| !s.corrupt).count();
	let corrupt_refused = m.sealed.values().filter(|s| s.corrupt).count();
	let summary = json!({
		"vehicles": cli.vehicles,
		"rate_per_vehicle": cli.rate,
		"interval_s": cli.interval,
		"duration_s": cli.duration,
		"offered_readings_per_s": cli.vehicles as u64 * cli.rate as u64,
		"readings_published": published,
		"batches_finalized": m.finalized.len(),
		"readings_finalized": finalized_readings,
		"finalized_readings_per_s": rate.round(),
		"batch_latency_ms": { "p50": percentile(&batch_latency, 0.5), "p99": percentile(&batch_latency, 0.99) },
		"reading_latency_ms": {
			"p50": weighted_percentile(&m.reading_latency, 0.5),
			"p99": weighted_percentile(&m.reading_latency, 0.99),
		},
		"batches_missing": missing,
		"corrupt_refused": corrupt_refused,
		"corrupt_accepted": m.corrupt_accepted,
		"seconds_behind": behind,
		"anchors_of_earlier_runs": m.unknown,
	});
	if cli.json {
		println!("{summary:#}");
	} else {
		let run = match cli.history_days {
			0 => format!("{} readings/s for {} s", cli.rate, cli.duration),
			days => format!("{days} days of history, a reading every {} s", cli.every),
		};
		println!(
			"{} vehicles x {run}, batches of {} s\n\
			 published            {published} readings\n\
			 finalized            {} batches, {finalized_readings} readings\n\
			 sustained            {:.0} readings/s reaching a finalized anchor (steady state)\n\
			 batch latency        p50 {} ms, p99 {} ms (signature to finalized anchor)\n\
			 reading latency      p50 {} ms, p99 {} ms (reading to finalized anchor)\n\
			 missing              {missing} batches\n\
			 corrupted anchors    {corrupt_refused} refused, {} accepted\n\
			 simulator behind     {behind} s",
			cli.vehicles,
			cli.interval,
			m.finalized.len(),
			rate,
			summary["batch_latency_ms"]["p50"],
			summary["batch_latency_ms"]["p99"],
			summary["reading_latency_ms"]["p50"],
			summary["reading_latency_ms"]["p99"],
			m.corrupt_accepted,
		);
	}
	missing == 0 && m.corrupt_accepted == 0
}
