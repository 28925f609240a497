//! `cpchain data`: a dataset from a file to providers and onto the market.

use std::{
	fs::File,
	path::{Path, PathBuf},
	sync::Arc,
	time::{Duration, Instant},
};

use anyhow::{anyhow, bail, Context as _, Result};
use clap::Subcommand;
use cpchain_client::{
	account::{self, format_amount, parse_amount},
	chain::{event, runtime, H256},
	dataset,
	device::parse_h256,
	keystore::{write_private, Kind},
	market::{self, ListingKeys},
	provider_api::ProviderClient,
	transfer,
};
use cpchain_primitives::{
	device::ProvenanceRef,
	pre::{encode_public_key, CAPSULE_LEN},
	storage::{segment_count, MerkleTree},
};
use futures::future::try_join_all;
use indicatif::MultiProgress;
use serde::{Deserialize, Serialize};
use serde_json::json;
use subxt::utils::Static;

use super::Context;

#[derive(Subcommand)]
pub enum Command {
	/// Encrypt a file and store it with providers.
	///
	/// The file is encrypted under a fresh data key sealed in an Umbral capsule for a new
	/// listing key, cut into 1 KiB segments and committed to by their Merkle root. A storage
	/// order for `--replicas` copies is placed; once providers accept it the encrypted bytes
	/// are uploaded to each and their stored roots confirmed. Run the same command again to
	/// resume after an interruption. Prints the content root, which `data list` takes.
	Put {
		/// The file to store.
		file: PathBuf,
		/// Paying account: keystore name or dev URI.
		#[arg(long)]
		from: String,
		/// Providers that must keep a copy.
		#[arg(long, default_value_t = 2)]
		replicas: u32,
		/// Blocks to keep it for.
		#[arg(long, default_value_t = 14_400)]
		duration: u32,
		/// Fee for all replicas over the duration, in CPC [default: the chain's minimum].
		#[arg(long)]
		fee: Option<String>,
		/// How long to wait for providers to accept, in seconds.
		#[arg(long, default_value_t = 120)]
		accept_timeout: u64,
		/// A period of this stream listing of yours: encrypt under the listing's key, for
		/// `data publish-period`.
		#[arg(long)]
		listing: Option<u64>,
	},
	/// List stored content for sale.
	List {
		/// The content root `data put` printed.
		root: String,
		/// Selling account (the one that put the data).
		#[arg(long)]
		from: String,
		/// Price in CPC.
		#[arg(long)]
		price: String,
		/// License terms, such as `CC-BY-4.0`.
		#[arg(long, default_value = "all rights reserved")]
		license: String,
		/// A category or tag; repeat for more.
		#[arg(long = "tag")]
		tags: Vec<String>,
		/// Provenance: `DEVICE:FIRST-LAST`, the anchors of one of your devices (keystore name or
		/// id) the data came from; repeat for more.
		#[arg(long = "provenance")]
		provenance: Vec<String>,
		/// Last block the listing sells at.
		#[arg(long)]
		expires_at: Option<u32>,
		/// Sell a stream by periods of this many blocks (this content is period 0) instead of
		/// one dataset.
		#[arg(long)]
		every: Option<u32>,
	},
	/// Let re-encryption proxies answer a listing's purchases: each grant then needs
	/// `--threshold` fragments, from distinct proxies' key fragments (run the agent with
	/// `--proxy ACCOUNT=URL` for each). No `--proxy` resets to the seller alone.
	Delegate {
		/// The listing.
		listing: u64,
		/// A registered proxy's account (SS58, keystore name or dev URI); repeat for more.
		#[arg(long = "proxy")]
		proxies: Vec<String>,
		/// Fragments a grant needs.
		#[arg(long, default_value_t = 1)]
		threshold: u8,
		/// The selling account.
		#[arg(long)]
		from: String,
	},
	/// Publish a period of a stream: content put with `data put --listing`.
	PublishPeriod {
		/// The stream's listing id.
		listing: u64,
		/// The content root `data put --listing` printed.
		root: String,
		/// The period: the current one or the next.
		#[arg(long)]
		period: u32,
		/// The selling account.
		#[arg(long)]
		from: String,
	},
}

/// Progress of a `data put`, kept next to the sealed file so that it can resume.
#[derive(Serialize, Deserialize)]
struct PutState {
	source: String,
	root: H256,
	size: u64,
	order: Option<u64>,
}

/// Identifies a source file by path, size and modification time.
fn put_id(file: &Path) -> Result<(String, u64)> {
	let meta =
		std::fs::metadata(file).with_context(|| format!("cannot read {}", file.display()))?;
	if !meta.is_file() {
		bail!("{} is not a file", file.display());
	}
	let path = std::fs::canonicalize(file)?;
	let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
	let key = format!("{}|{}|{:?}", path.display(), meta.len(), modified);
	let id = cpchain_primitives::storage::leaf_hash(key.as_bytes());
	Ok((hex::encode(&id.as_bytes()[..16]), meta.len()))
}

pub async fn run(command: Command, cx: &Context) -> Result<()> {
	match command {
		Command::Put { file, from, replicas, duration, fee, accept_timeout, listing } => {
			put(cx, &file, &from, replicas, duration, fee, accept_timeout, listing).await
		},
		Command::List { root, from, price, license, tags, provenance, expires_at, every } => {
			list(cx, &root, &from, &price, license, tags, provenance, expires_at, every).await
		},
		Command::Delegate { listing, proxies, threshold, from } => {
			use runtime::runtime_types::bounded_collections::bounded_vec::BoundedVec;
			let signer = account::signer(&cx.keystore, &from)?;
			let proxies = proxies
				.iter()
				.map(|p| account::resolve(&cx.keystore, p))
				.collect::<Result<Vec<_>>>()?;
			let chain = cx.chain().await?;
			let call = runtime::tx().access_grants().set_delegation(
				listing,
				BoundedVec(proxies.clone()),
				threshold,
			);
			chain.submit(&call, &signer).await?;
			cx.print(
				format!(
					"listing {listing}: {threshold} of {} proxies answer purchases",
					proxies.len()
				),
				json!({
					"listing": listing,
					"proxies": proxies.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
					"threshold": threshold,
				}),
			);
			Ok(())
		},
		Command::PublishPeriod { listing, root, period, from } => {
			publish_period(cx, listing, &root, period, &from).await
		},
	}
}

#[allow(clippy::too_many_arguments)]
async fn put(
	cx: &Context,
	file: &Path,
	from: &str,
	replicas: u32,
	duration: u32,
	fee: Option<String>,
	accept_timeout: u64,
	listing: Option<u64>,
) -> Result<()> {
	let signer = account::signer(&cx.keystore, from)?;
	let stream = match listing {
		Some(id) => Some(
			ListingKeys::of_listing(&cx.keystore, id)?
				.ok_or_else(|| anyhow!("no keys for listing {id} in this keystore"))?,
		),
		None => None,
	};
	let fee = fee.as_deref().map(parse_amount).transpose()?;
	let (id, plain_size) = put_id(file)?;
	let dir = cx.work_dir("puts")?;
	let (state_path, sealed_path) =
		(dir.join(format!("{id}.json")), dir.join(format!("{id}.sealed")));
	let chain = cx.chain().await?;
	let started = Instant::now();

	let mut state: PutState = match std::fs::read(&state_path) {
		Ok(bytes) => serde_json::from_slice(&bytes).context("the saved progress is unreadable")?,
		Err(_) => {
			let seed = match &stream {
				Some(keys) => keys.seed()?,
				None => market::new_seed(),
			};
			let delegating = ListingKeys::delegating_of(&seed)?;
			let bar = cx.bar(plain_size, "encrypting");
			let sealed = {
				let (mut input, mut output) = (
					std::io::BufReader::new(File::open(file)?),
					std::io::BufWriter::with_capacity(1 << 20, File::create(&sealed_path)?),
				);
				let sealed = dataset::seal(
					&mut input,
					plain_size,
					&delegating.public_key(),
					&mut output,
					|done| bar.set_position(done),
				)?;
				output.into_inner().map_err(|e| e.into_error())?.sync_all()?;
				sealed
			};
			bar.finish();
			let root = MerkleTree::from_leaves(sealed.leaves).expect("never empty").root();
			let mut keys = ListingKeys::new(&seed, &sealed.capsule, root, sealed.size);
			keys.listing = listing;
			cx.keystore.save(Kind::Listing, &ListingKeys::name(&root), &keys, true)?;
			let state = PutState {
				source: file.display().to_string(),
				root,
				size: sealed.size,
				order: None,
			};
			write_private(&state_path, &serde_json::to_vec_pretty(&state)?)?;
			state
		},
	};
	let (root, size) = (state.root, state.size);
	let sealed_at = Instant::now();

	let order = match state.order {
		Some(order) => order,
		None => {
			let at = chain.at().await?;
			let min_fee = at
				.runtime_apis()
				.call(
					runtime::runtime_apis().storage_proofs_api().min_fee(size, replicas, duration),
				)
				.await?;
			let fee = fee.unwrap_or(min_fee);
			let call = runtime::tx().storage_proofs().place_order(
				root,
				size,
				segment_count(size),
				replicas,
				duration,
				fee,
			);
			let events = chain.submit(&call, &signer).await?;
			let placed = event::<runtime::storage_proofs::events::OrderPlaced>(&events)?;
			state.order = Some(placed.order);
			write_private(&state_path, &serde_json::to_vec_pretty(&state)?)?;
			placed.order
		},
	};

	// Wait until `replicas` providers took the order.
	let spinner = cx.spinner(format!("order {order}: waiting for {replicas} providers"));
	let deadline = Instant::now() + Duration::from_secs(accept_timeout);
	let holders = loop {
		let (wanted, holders) = market::holders(&chain.at().await?, order).await?;
		if holders.len() as u32 >= wanted {
			break holders;
		}
		if Instant::now() > deadline {
			bail!(
				"only {} of {wanted} providers accepted order {order} within {accept_timeout} s; run the same command again to keep waiting",
				holders.len(),
			);
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	};
	spinner.finish_and_clear();
	let accepted_at = Instant::now();

	// Upload to every provider at once, then confirm each holds the root.
	let sealed = Arc::new(File::open(&sealed_path).context("the sealed file of this put is gone")?);
	let bars = MultiProgress::new();
	let uploads = holders.iter().map(|(_, endpoint)| {
		let bar = bars.add(cx.bar(size, format!("upload {endpoint}")));
		let sealed = sealed.clone();
		async move {
			let provider = ProviderClient::new(endpoint)?;
			transfer::upload(&provider, order, sealed, size, |done| bar.set_position(done)).await?;
			let status = provider.order(order).await?;
			if !status.stored {
				bail!("{endpoint} did not confirm order {order}");
			}
			bar.finish();
			Ok::<_, anyhow::Error>(endpoint.clone())
		}
	});
	let confirmed = try_join_all(uploads).await?;
	let seconds = |from: Instant, to: Instant| (to - from).as_secs_f64();
	let now = Instant::now();
	let _ = std::fs::remove_file(&sealed_path);
	let _ = std::fs::remove_file(&state_path);
	cx.print(
		format!(
			"stored {} ({size} bytes encrypted) as order {order} with {}\ncontent root {root:?}",
			state.source,
			confirmed.join(", ")
		),
		json!({
			"root": format!("{root:?}"),
			"size": size,
			"order": order,
			"providers": confirmed,
			"seconds": {
				"encrypt": seconds(started, sealed_at),
				"order": seconds(sealed_at, accepted_at),
				"upload": seconds(accepted_at, now),
			},
		}),
	);
	Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn list(
	cx: &Context,
	root: &str,
	from: &str,
	price: &str,
	license: String,
	tags: Vec<String>,
	provenance: Vec<String>,
	expires_at: Option<u32>,
	every: Option<u32>,
) -> Result<()> {
	use runtime::runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		pallet_data_market::types::{NewListing, Offer},
	};
	let root = parse_h256(root)?;
	let name = ListingKeys::name(&root);
	let mut keys: ListingKeys = cx
		.keystore
		.load(Kind::Listing, &name)
		.map_err(|_| anyhow!("no keys for content {root:?}: list only what you put"))?;
	if let Some(listing) = keys.listing {
		bail!("content {root:?} belongs to listing {listing} already");
	}
	let signer = account::signer(&cx.keystore, from)?;
	let price = parse_amount(price)?;
	let provenance =
		provenance.iter().map(|p| parse_provenance(cx, p)).collect::<Result<Vec<_>>>()?;
	let capsule = hex::decode(&keys.capsule)?;
	debug_assert_eq!(capsule.len(), CAPSULE_LEN);
	let listing = NewListing {
		offer: every.map_or(Offer::Dataset, |period| Offer::Subscription { period }),
		price,
		content_root: keys.root,
		size: keys.size,
		segments: segment_count(keys.size),
		capsule: BoundedVec(capsule),
		delegating_key: encode_public_key(&keys.delegating()?.public_key()),
		verifying_key: encode_public_key(&keys.signer()?.verifying_key()),
		license: BoundedVec(license.into_bytes()),
		tags: BoundedVec(tags.into_iter().map(|t| BoundedVec(t.into_bytes())).collect()),
		provenance: BoundedVec(provenance.into_iter().map(Static).collect()),
		expires_at,
	};
	let chain = cx.chain().await?;
	let call = runtime::tx().data_market().create_listing(listing);
	let events = chain.submit(&call, &signer).await?;
	let created = event::<runtime::data_market::events::ListingCreated>(&events)?;
	keys.listing = Some(created.listing);
	cx.keystore.save(Kind::Listing, &name, &keys, true)?;
	cx.print(
		format!("listing {} for {}: content {root:?}", created.listing, format_amount(price)),
		json!({ "listing": created.listing, "root": format!("{root:?}"), "price": price.to_string() }),
	);
	Ok(())
}

/// `DEVICE:FIRST-LAST` with the device by keystore name or id.
fn parse_provenance(cx: &Context, text: &str) -> Result<ProvenanceRef> {
	let (device, range) =
		text.rsplit_once(':').ok_or_else(|| anyhow!("`{text}` is not DEVICE:FIRST-LAST"))?;
	let (first, last) = range.split_once('-').unwrap_or((range, range));
	let number = |s: &str| {
		s.trim()
			.parse::<u64>()
			.map_err(|_| anyhow!("`{text}`: `{s}` is not an anchor sequence number"))
	};
	let device = match parse_h256(device) {
		Ok(id) => id,
		Err(_) => {
			let file: cpchain_client::device::DeviceFile =
				cx.keystore.load(Kind::Device, device)?;
			cpchain_client::device::stored_id(&file, device)?
		},
	};
	Ok(ProvenanceRef { device, first_sequence: number(first)?, last_sequence: number(last)? })
}

async fn publish_period(
	cx: &Context,
	listing: u64,
	root: &str,
	period: u32,
	from: &str,
) -> Result<()> {
	use runtime::runtime_types::bounded_collections::bounded_vec::BoundedVec;
	let root = parse_h256(root)?;
	let keys: ListingKeys =
		cx.keystore.load(Kind::Listing, &ListingKeys::name(&root)).map_err(|_| {
			anyhow!("no keys for content {root:?}: put it with `data put --listing {listing}`")
		})?;
	if keys.listing != Some(listing) {
		bail!(
			"content {root:?} was not put for listing {listing} (`data put --listing {listing}`)"
		);
	}
	let signer = account::signer(&cx.keystore, from)?;
	let capsule = hex::decode(&keys.capsule)?;
	let chain = cx.chain().await?;
	let call = runtime::tx().data_market().publish_period(
		listing,
		period,
		root,
		keys.size,
		segment_count(keys.size),
		BoundedVec(capsule),
	);
	chain.submit(&call, &signer).await?;
	cx.print(
		format!("listing {listing}: period {period} is content {root:?}"),
		json!({ "listing": listing, "period": period, "root": format!("{root:?}") }),
	);
	Ok(())
}
