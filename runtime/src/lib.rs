//! The CPChain parachain runtime.
//!
//! Standard parachain plumbing (system, balances, fees, sudo, Aura with collator selection,
//! XCMP and the message queue) plus the CPChain pallets: the device registry, the data market,
//! access grants and storage proofs.
//!
//! This crate is the runtime's code; its WASM blob is built by `cpchain-runtime-wasm`
//! (`runtime/wasm`), so that the node embeds the blob without compiling the runtime natively.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` recurses deeply.
#![recursion_limit = "256"]

extern crate alloc;

mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
#[cfg(test)]
mod fuzz_tests;
pub mod genesis_config_presets;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use frame_support::weights::{
	constants::{WEIGHT_REF_TIME_PER_NANOS, WEIGHT_REF_TIME_PER_SECOND},
	Weight, WeightToFeeCoefficient, WeightToFeeCoefficients, WeightToFeePolynomial,
};
use smallvec::smallvec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature, Perbill,
};
use sp_version::RuntimeVersion;

pub use apis::RUNTIME_API_VERSIONS;
pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;

/// Signature of an extrinsic (sr25519, ed25519 or ecdsa).
pub type Signature = MultiSignature;
/// An account is identified by the public key of its signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account, in plancks (10^-12 CPC).
pub type Balance = u128;
/// Transaction counter of an account.
pub type Nonce = u32;
/// Block and state hash.
pub type Hash = sp_core::H256;
/// Block height.
pub type BlockNumber = u32;
/// How extrinsics name accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// Checks applied to every signed transaction. `StorageWeightReclaim` wraps them so the
/// proof size actually used, not the benchmarked worst case, is charged to the block.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::AuthorizeCall<Runtime>,
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	),
>;

/// Extrinsic as it travels on the wire.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// Storage migrations run at the next runtime upgrade. Each runs only from the storage version
/// it migrates, so a migration stays here until every chain has upgraded past it.
pub type Migrations = (
	pallet_data_market::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_storage_proofs::migrations::v1::MigrateV0ToV1<Runtime>,
);

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// Reference time that costs 1/10 of a milli-CPC: 108,157 ns, the extrinsic base weight of
/// Substrate's reference machine, which this fee scale was set with. A constant, so that fees do
/// not move when the overhead weights are measured again (`weights::extrinsic_weights`).
const FEE_REF_TIME_UNIT: u64 = 108_157 * WEIGHT_REF_TIME_PER_NANOS;

/// Fee for a given weight: 1/10 of a milli-CPC per [`FEE_REF_TIME_UNIT`] of reference time.
pub struct WeightToFee;
impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let p = MILLICPC / 10;
		let q = 100 * Balance::from(FEE_REF_TIME_UNIT);
		smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(p % q, q),
			coeff_integer: p / q,
		}]
	}
}

impl_opaque_keys! {
	/// Keys a collator registers for its session.
	pub struct SessionKeys {
		/// Block authoring key.
		pub aura: Aura,
	}
}

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("cpchain"),
	impl_name: Cow::Borrowed("cpchain"),
	authoring_version: 1,
	spec_version: 1,
	impl_version: 0,
	apis: RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Target time between parachain blocks on a relay chain (with asynchronous backing).
pub const MILLISECS_PER_BLOCK: u64 = 6000;
/// Aura slot length. Cannot change once the chain runs.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;
/// Relay chain blocks per hour: the clock of the market's windows and of stakes' unbonding,
/// which does not change with this chain's block time.
pub const RELAY_HOURS: BlockNumber = 3_600_000 / RELAY_CHAIN_SLOT_DURATION_MILLIS;
/// Relay chain blocks per day.
pub const RELAY_DAYS: BlockNumber = RELAY_HOURS * 24;

pub use cpchain_primitives::chain::{PARA_ID, TOKEN_DECIMALS, TOKEN_SYMBOL};
/// One CPC.
pub const CPC: Balance = 10u128.pow(TOKEN_DECIMALS as u32);
/// 10^-3 CPC.
pub const MILLICPC: Balance = CPC / 1_000;
/// 10^-6 CPC.
pub const MICROCPC: Balance = CPC / 1_000_000;
/// Minimum balance an account must keep to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLICPC;

/// Deposit for a storage item of `items` entries and `bytes` bytes.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * 20 * MILLICPC + bytes as Balance * 100 * MICROCPC
}

/// Share of the block weight assumed for `on_initialize`.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);
/// Share of the block available to normal (non-operational) extrinsics.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Two seconds of compute per block (asynchronous backing), relay chain PoV limit.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);
/// Parachain blocks that may be authored ahead of relay chain inclusion.
const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
/// Parachain blocks per relay chain block.
const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// Relay chain slot, in milliseconds.
const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;
/// How far behind the relay chain tip the relay parent is chosen.
const RELAY_PARENT_OFFSET: u32 = 0;

/// Aura consensus hook: bounds how far block production may run ahead of the relay chain.
type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = staging_parachain_info;
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	// Money.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Governance.
	#[runtime::pallet_index(15)]
	pub type Sudo = pallet_sudo;

	// Collators. The order of these matters: authorship before session before aura.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(21)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(24)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	// XCM.
	#[runtime::pallet_index(30)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(31)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(32)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(33)]
	pub type MessageQueue = pallet_message_queue;

	// CPChain.
	#[runtime::pallet_index(50)]
	pub type DeviceRegistry = pallet_device_registry;
	#[runtime::pallet_index(51)]
	pub type DataMarket = pallet_data_market;
	#[runtime::pallet_index(52)]
	pub type AccessGrants = pallet_access_grants;
	#[runtime::pallet_index(53)]
	pub type StorageProofs = pallet_storage_proofs;
	#[runtime::pallet_index(54)]
	pub type Aggregates = pallet_aggregates;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
