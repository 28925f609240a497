//! Chain access: the runtime's calls, storage, events and runtime APIs, typed from the committed
//! `runtime/metadata.scale` (the end-to-end tests fail while that file is stale), and a
//! submission that reports a failed call as its pallet's named error.

use std::{collections::BTreeMap, sync::Arc, time::Duration};

use subxt::rpcs::{methods::LegacyRpcMethods, RpcClient};
use subxt::{
	backend::LegacyBackend,
	config::DefaultExtrinsicParamsBuilder,
	error::{DispatchError, TransactionEventsError},
	transactions::{Payload, TransactionStatus},
	OnlineClient,
};
use subxt_signer::sr25519::Keypair;
use tokio::sync::Mutex;

/// The runtime as the metadata describes it. Types defined in `cpchain_primitives` are used as
/// they are, so that what the client signs and hashes has one definition.
#[subxt::subxt(
	runtime_metadata_path = "../runtime/metadata.scale",
	derive_for_all_types = "Clone",
	substitute_type(
		path = "cpchain_formats::device::DeviceKey",
		with = "::subxt::utils::Static<::cpchain_primitives::device::DeviceKey>"
	),
	substitute_type(
		path = "cpchain_formats::device::DeviceSignature",
		with = "::subxt::utils::Static<::cpchain_primitives::device::DeviceSignature>"
	),
	substitute_type(
		path = "cpchain_formats::device::Anchor",
		with = "::subxt::utils::Static<::cpchain_primitives::device::Anchor>"
	),
	substitute_type(
		path = "cpchain_primitives::device::ProvenanceRef",
		with = "::subxt::utils::Static<::cpchain_primitives::device::ProvenanceRef>"
	)
)]
pub mod runtime {}

pub use subxt::utils::{AccountId32, H256};

/// The chain's configuration: `AccountId32`, `MultiSignature`, the standard transaction
/// extensions (the cumulus weight-reclaim wrapper and the other empty ones are skipped).
pub type Config = subxt::SubstrateConfig;
/// The events of one included transaction.
pub type Events = subxt::extrinsics::ExtrinsicEvents<Config>;
/// The chain's state at one block.
pub type AtBlock = subxt::client::OnlineClientAtBlock<Config>;

/// How long a submitted transaction may take to be included.
pub const INCLUSION_TIMEOUT: Duration = Duration::from_secs(120);

/// What can go wrong talking to the chain. [`Error::Rejected`] is the runtime saying no.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// No connection to the node.
	#[error("cannot reach a node at {url}: {reason}")]
	Unreachable { url: String, reason: String },
	/// The call failed with a pallet's error.
	#[error("{pallet}::{name}: {doc}")]
	Rejected { pallet: String, name: String, doc: String },
	/// The call failed with a runtime error that is not a pallet's (bad origin, funds, ...).
	#[error("the runtime refused the call: {0}")]
	Dispatch(String),
	/// The transaction pool refused the transaction, or dropped it.
	#[error("the node refused the transaction: {0}")]
	Invalid(String),
	/// No inclusion within [`INCLUSION_TIMEOUT`].
	#[error("the transaction was not included within {} s", INCLUSION_TIMEOUT.as_secs())]
	Timeout,
	/// Anything else from the client library (decoding, RPC).
	#[error(transparent)]
	Client(#[from] subxt::Error),
}

impl Error {
	fn client(error: impl Into<subxt::Error>) -> Self {
		Self::Client(error.into())
	}
}

impl From<DispatchError> for Error {
	fn from(error: DispatchError) -> Self {
		if let DispatchError::Module(module) = &error {
			if let Ok(details) = module.details() {
				return Error::Rejected {
					pallet: details.pallet.name().to_string(),
					name: details.variant.name.clone(),
					doc: details.variant.docs.join(" ").trim().to_string(),
				};
			}
		}
		Error::Dispatch(error.to_string())
	}
}

/// Every entry of the storage map at `address`, as of `at`: its key parts and value.
pub async fn entries<Addr>(
	at: &AtBlock,
	address: Addr,
) -> Result<Vec<(Addr::KeyParts, Addr::Value)>, subxt::Error>
where
	Addr: subxt::storage::Address,
	(): subxt::storage::PrefixOf<Addr::KeyParts>,
{
	let entry = at.storage().entry(address)?;
	let mut iter = entry.iter(()).await?;
	let mut all = Vec::new();
	while let Some(kv) = iter.next().await {
		let kv = kv?;
		all.push((kv.key()?.decode()?, kv.value().decode()?));
	}
	Ok(all)
}

/// The first event of type `E` a transaction emitted (the id of what it made).
pub fn event<E: subxt::events::DecodeAsEvent>(events: &Events) -> Result<E, Error> {
	events
		.find_first::<E>()
		.ok_or_else(|| {
			Error::Dispatch(format!(
				"the transaction emitted no {} event",
				std::any::type_name::<E>()
			))
		})?
		.map_err(Error::client)
}

/// A connection to a node.
#[derive(Clone)]
pub struct Chain {
	api: OnlineClient<Config>,
	rpc: LegacyRpcMethods<subxt::config::RpcConfigFor<Config>>,
	/// The nonce after the last one this connection submitted, per account; held from reading
	/// a nonce until the transaction is in the pool, so that concurrent submissions from one
	/// account get consecutive nonces. The pool's own count can miss a transaction it has just
	/// accepted (its views catch up after answering), so the higher of the two is used.
	next_nonce: Arc<Mutex<BTreeMap<AccountId32, u64>>>,
}

impl Chain {
	/// Connects to the node at `url` (`ws://` or `wss://`).
	pub async fn connect(url: &str) -> Result<Self, Error> {
		// The transport's message repeats its layers ("RPC error: client error: ..."): keep
		// what the socket said.
		let unreachable = |reason: String| Error::Unreachable {
			url: url.to_string(),
			reason: reason.rsplit(": ").next().unwrap_or(&reason).to_string(),
		};
		let rpc =
			RpcClient::from_insecure_url(url).await.map_err(|e| unreachable(e.to_string()))?;
		// The legacy RPCs, not subxt's default `chainHead` backend: a runtime call or a block's
		// events through `chainHead` waits on the follow subscription (75 ms a runtime call
		// measured, against 1.3 ms for `state_call`), and a block it has unpinned under load
		// cannot be read at all ("cannot find the block header").
		let backend = LegacyBackend::<Config>::builder().build(rpc.clone());
		let api = OnlineClient::from_backend(Arc::new(backend))
			.await
			.map_err(|e| unreachable(e.to_string()))?;
		Ok(Self { api, rpc: LegacyRpcMethods::new(rpc), next_nonce: Default::default() })
	}

	/// The client library's handle, for streams and queries this module does not wrap.
	pub fn api(&self) -> &OnlineClient<Config> {
		&self.api
	}

	/// The state at the last finalized block.
	pub async fn at(&self) -> Result<AtBlock, Error> {
		self.api.at_current_block().await.map_err(Error::client)
	}

	/// The genesis hash, which device payloads are bound to.
	pub fn genesis_hash(&self) -> H256 {
		self.api.genesis_hash()
	}

	/// Signs `call` with `signer`, submits it and waits until it is in a block. Returns its
	/// events, or the runtime's reason for refusing it. The nonce is the pool's next one for
	/// the account, so calls can follow each other before their blocks are final, and
	/// several tasks may submit at once.
	pub async fn submit<C: Payload>(&self, call: &C, signer: &Keypair) -> Result<Events, Error> {
		let account: AccountId32 = signer.public_key().to_account_id();
		let mut progress = {
			let mut next_nonce = self.next_nonce.lock().await;
			let pool = self
				.rpc
				.system_account_next_index(&account)
				.await
				.map_err(|e| Error::client(subxt::Error::other(e)))?;
			let nonce = next_nonce.get(&account).map_or(pool, |&ours| ours.max(pool));
			let at = self.at().await?;
			let params = DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce);
			// Mortal from the parent of the last finalized block: the pool checks a new
			// transaction against its views of recent blocks, which can lag the finalized one
			// by a block, and there a birth block later than the view's is "ancient" (seen
			// under load: "Transaction has an ancient birth block").
			let params = match at.block_number() {
				0 => params.immortal(),
				number => {
					let parent = at.block_header().await.map_err(Error::client)?.parent_hash;
					params.mortal_from_unchecked(64, number - 1, parent)
				},
			}
			.build();
			let progress = at
				.tx()
				.sign_and_submit_then_watch(call, signer, params)
				.await
				.map_err(Error::client)?;
			next_nonce.insert(account, nonce + 1);
			progress
		};
		let included = tokio::time::timeout(INCLUSION_TIMEOUT, async {
			while let Some(status) = progress.next().await {
				match status.map_err(Error::client)? {
					TransactionStatus::InBestBlock(block)
					| TransactionStatus::InFinalizedBlock(block) => return Ok(block),
					TransactionStatus::Invalid { message }
					| TransactionStatus::Dropped { message }
					| TransactionStatus::Error { message } => return Err(Error::Invalid(message)),
					_ => {},
				}
			}
			Err(Error::Invalid("the node stopped reporting on the transaction".into()))
		})
		.await
		.unwrap_or(Err(Error::Timeout));
		let included = match included {
			Ok(block) => block,
			Err(error) => {
				// The nonce this transaction held may be free again: ask the pool next time.
				self.next_nonce.lock().await.remove(&account);
				return Err(error);
			},
		};
		match included.wait_for_success().await {
			Ok(events) => Ok(events),
			Err(TransactionEventsError::ExtrinsicFailed(error)) => Err(error.into()),
			Err(other) => Err(Error::client(other)),
		}
	}
}
