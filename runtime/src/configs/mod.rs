//! Configuration of every pallet in the runtime.

pub mod relay_randomness;
pub mod xcm_config;

use cumulus_pallet_parachain_system::{RelayNumberMonotonicallyIncreases, RelaychainDataProvider};
use cumulus_primitives_core::{AggregateMessageOrigin, ParaId};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::imbalance::ResolveTo, ConstBool, ConstU32, ConstU64,
		ConstU8, LinearStoragePrice, TransformOrigin, VariantCountOf,
	},
	weights::{ConstantMultiplier, Weight},
	PalletId,
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot,
};
use parachains_common::message_queue::{NarrowOriginToSibling, ParaIdToSibling};
use polkadot_runtime_common::{BlockHashCount, SlowAdjustingFeeUpdate};
use sp_runtime::{traits::AccountIdConversion, Perbill};
use sp_version::RuntimeVersion;

use crate::{
	deposit,
	weights::{block_weights::BlockExecutionWeight, extrinsic_weights::ExtrinsicBaseWeight},
	AccessGrants, AccountId, Aura, AuraId, Balance, Balances, Block, CollatorSelection,
	ConsensusHook, DataMarket, DeviceRegistry, Hash, MessageQueue, Nonce, PalletInfo,
	ParachainSystem, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason,
	RuntimeOrigin, RuntimeTask, Session, SessionKeys, System, WeightToFee, XcmpQueue,
	AVERAGE_ON_INITIALIZE_RATIO, CPC, DAYS, EXISTENTIAL_DEPOSIT, HOURS, MAXIMUM_BLOCK_WEIGHT,
	MICROCPC, NORMAL_DISPATCH_RATIO, RELAY_DAYS, RELAY_HOURS, RELAY_PARENT_OFFSET, SLOT_DURATION,
	VERSION,
};
use xcm_config::XcmOriginToTransactDispatchOrigin;

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |m| *m = NORMAL_DISPATCH_RATIO * *m)
		.build();
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational extrinsics still fit when normal ones have filled their share.
			weights.reserved = Some(
				MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT
			);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();
	/// Generic Substrate SS58 prefix.
	pub const SS58Prefix: u16 = 42;
}

#[derive_impl(frame_system::config_preludes::ParaChainDefaultConfig)]
impl frame_system::Config for Runtime {
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type Block = Block;
	type BlockHashCount = BlockHashCount;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	/// Measured on this chain's state (`scripts/bench-db.sh`); the collator opens ParityDB
	/// unless told otherwise.
	type DbWeight = crate::weights::paritydb_weights::constants::ParityDbWeight;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type SS58Prefix = SS58Prefix;
	type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
	type MaxConsumers = ConstU32<16>;
}

impl cumulus_pallet_weight_reclaim::Config for Runtime {
	// The crate keeps its benchmarked weights private; `()` carries the same figures.
	type WeightInfo = ();
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<0>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = (CollatorSelection,);
}

parameter_types! {
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type MaxReserves = ConstU32<50>;
	type ReserveIdentifier = [u8; 8];
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub const TransactionByteFee: Balance = 10 * MICROCPC;
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<Balances, ()>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = SlowAdjustingFeeUpdate<Self>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const ReservedXcmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const ReservedDmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const RelayOrigin: AggregateMessageOrigin = AggregateMessageOrigin::Parent;
}

impl cumulus_pallet_parachain_system::Config for Runtime {
	type WeightInfo = cumulus_pallet_parachain_system::weights::SubstrateWeight<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type OnSystemEvent = relay_randomness::RelayRandomness;
	type SelfParaId = staging_parachain_info::Pallet<Runtime>;
	type OutboundXcmpMessageSource = XcmpQueue;
	type DmpQueue = frame_support::traits::EnqueueWithOrigin<MessageQueue, RelayOrigin>;
	type ReservedDmpWeight = ReservedDmpWeight;
	type XcmpMessageHandler = XcmpQueue;
	type ReservedXcmpWeight = ReservedXcmpWeight;
	type CheckAssociatedRelayNumber = RelayNumberMonotonicallyIncreases;
	type ConsensusHook = ConsensusHook;
	type RelayParentOffset = ConstU32<RELAY_PARENT_OFFSET>;
	type SchedulingSignatureVerifier = ();
}

impl staging_parachain_info::Config for Runtime {}

parameter_types! {
	pub MessageQueueServiceWeight: Weight =
		Perbill::from_percent(35) * RuntimeBlockWeights::get().max_block;
}

impl pallet_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_message_queue::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type MessageProcessor =
		pallet_message_queue::mock_helpers::NoopMessageProcessor<AggregateMessageOrigin>;
	#[cfg(not(feature = "runtime-benchmarks"))]
	type MessageProcessor = staging_xcm_builder::ProcessXcmMessage<
		AggregateMessageOrigin,
		staging_xcm_executor::XcmExecutor<xcm_config::XcmConfig>,
		RuntimeCall,
	>;
	type Size = u32;
	// The XCMP queue only ever hands over messages from sibling parachains.
	type QueueChangeHandler = NarrowOriginToSibling<XcmpQueue>;
	type QueuePausedQuery = NarrowOriginToSibling<XcmpQueue>;
	type HeapSize = ConstU32<{ 103 * 1024 }>;
	type MaxStale = ConstU32<8>;
	type ServiceWeight = MessageQueueServiceWeight;
	type IdleMaxServiceWeight = MessageQueueServiceWeight;
}

impl cumulus_pallet_aura_ext::Config for Runtime {}

impl cumulus_pallet_xcmp_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ChannelInfo = ParachainSystem;
	type VersionWrapper = crate::PolkadotXcm;
	type XcmpQueue = TransformOrigin<MessageQueue, AggregateMessageOrigin, ParaId, ParaIdToSibling>;
	type MaxInboundSuspended = ConstU32<1_000>;
	type MaxActiveOutboundChannels = ConstU32<128>;
	// Larger than the 100 KiB maximum HRMP message size most channels are opened with.
	type MaxPageSize = ConstU32<{ 103 * 1024 }>;
	type ControllerOrigin = EnsureRoot<AccountId>;
	type ControllerOriginConverter = XcmOriginToTransactDispatchOrigin;
	type WeightInfo = cumulus_pallet_xcmp_queue::weights::SubstrateWeight<Runtime>;
	type PriceForSiblingDelivery = xcm_config::PriceForSiblingDelivery;
}

parameter_types! {
	/// A session lasts six hours.
	pub const Period: u32 = 6 * HOURS;
	pub const Offset: u32 = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = <Self as frame_system::Config>::AccountId;
	// Collators have no stash/controller split.
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = pallet_session::PeriodicSessions<Period, Offset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = CollatorSelection;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = ();
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<100_000>;
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

parameter_types! {
	pub const PotId: PalletId = PalletId(*b"PotStake");
}

impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type UpdateOrigin = EnsureRoot<AccountId>;
	type PotId = PotId;
	type MaxCandidates = ConstU32<100>;
	type MinEligibleCollators = ConstU32<1>;
	type MaxInvulnerables = ConstU32<20>;
	// A multiple of the session length, so kicks line up with session changes.
	type KickThreshold = Period;
	type ValidatorId = <Self as frame_system::Config>::AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ValidatorRegistration = Session;
	type WeightInfo = pallet_collator_selection::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const ItemDeposit: Balance = deposit(1, 0);
	pub const ByteDeposit: Balance = deposit(0, 1);
}

/// What storage costs: `deposit(1, bytes)` for a record of `bytes` bytes.
pub type StoragePrice = LinearStoragePrice<ItemDeposit, ByteDeposit, Balance>;
/// A storage deposit at [`StoragePrice`], held from an account for the hold reason `Reason`
/// until the record is removed.
pub type StorageDeposit<Reason> = HoldConsideration<AccountId, Balances, Reason, StoragePrice>;

parameter_types! {
	pub const DeviceDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::DeviceRegistry(pallet_device_registry::HoldReason::DeviceDeposit);
	pub const GatewayDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::DeviceRegistry(pallet_device_registry::HoldReason::GatewayDeposit);
	/// A key's record (86 bytes with its key), kept for good.
	pub const DeviceKeyFee: Balance = deposit(1, 86);
}

impl pallet_device_registry::Config for Runtime {
	type Currency = Balances;
	type RevokeOrigin = EnsureRoot<AccountId>;
	type DeviceDeposit = StorageDeposit<DeviceDepositReason>;
	type GatewayDeposit = StorageDeposit<GatewayDepositReason>;
	type KeyFee = DeviceKeyFee;
	type KeyFeeDestination = ResolveTo<TreasuryAccount, Balances>;
	type MaxAttributes = ConstU32<16>;
	type MaxMetadataLen = ConstU32<1024>;
	// 156 bytes each: a full batch is 156 KB, and about a fifth of a block's weight.
	type MaxBatchAnchors = ConstU32<1000>;
	type WeightInfo = pallet_device_registry::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const MinProviderStake: Balance = 100 * CPC;
	pub const OrderDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::StorageProofs(pallet_storage_proofs::HoldReason::OrderDeposit);
	/// About 1 CPC of stake per GiB a provider keeps.
	pub const CollateralPerSegment: Balance = CPC / (1 << 20);
	/// One planck per KiB, replica and 5-minute period: about 0.1 CPC per GiB-year and copy.
	pub const MinFeePerSegmentPeriod: Balance = 1;
	/// A missed challenge costs 10 % of the replica's collateral (three misses evict).
	pub const StorageSlashFraction: Perbill = Perbill::from_percent(10);
	/// Leaving a replica early costs less than being evicted from it.
	pub const StorageLeavePenalty: Perbill = Perbill::from_percent(20);
	pub const StorageSlashToOwner: Perbill = Perbill::from_percent(50);
}

impl pallet_storage_proofs::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Randomness = relay_randomness::RelayRandomness;
	type MinProviderStake = MinProviderStake;
	type CollateralPerSegment = CollateralPerSegment;
	type MinFeePerSegmentPeriod = MinFeePerSegmentPeriod;
	type OrderDeposit = StorageDeposit<OrderDepositReason>;
	type MaxReplicas = ConstU32<8>;
	type MaxOrderDuration = ConstU32<{ 366 * DAYS }>;
	type ChallengePeriod = ConstU32<50>;
	type MaxChallengesPerPeriod = ConstU32<64>;
	type ResponseWindow = ConstU32<10>;
	// Reading and hashing a GiB takes a provider a few seconds: one more block.
	type ResponseBytesPerBlock = ConstU64<{ 1 << 30 }>;
	type SlashFraction = StorageSlashFraction;
	type LeavePenalty = StorageLeavePenalty;
	type SlashToOwner = StorageSlashToOwner;
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	type MaxStrikes = ConstU32<3>;
	type UnbondingPeriod = ConstU32<{ 7 * RELAY_DAYS }>;
	type UnbondingClock = RelaychainDataProvider<Runtime>;
	type WeightInfo = pallet_storage_proofs::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const MinProxyStake: Balance = 100 * CPC;
	pub const ProxyFaultSlash: Perbill = Perbill::from_percent(10);
	pub const GrantDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::AccessGrants(pallet_access_grants::HoldReason::GrantDeposit);
	pub const DelegationDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::AccessGrants(pallet_access_grants::HoldReason::DelegationDeposit);
}

impl pallet_access_grants::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Listings = DataMarket;
	type Outcome = DataMarket;
	type BlockNumberProvider = RelaychainDataProvider<Runtime>;
	type MinProxyStake = MinProxyStake;
	type ProxyUnbonding = ConstU32<{ 7 * RELAY_DAYS }>;
	type FaultSlash = ProxyFaultSlash;
	type MaxProxies = ConstU32<16>;
	type MaxThreshold = ConstU32<8>;
	// Long enough for a buyer to fetch its fragments; a week.
	type Retention = ConstU32<{ 7 * RELAY_DAYS }>;
	type GrantDeposit = StorageDeposit<GrantDepositReason>;
	type DelegationDeposit = StorageDeposit<DelegationDepositReason>;
	type WeightInfo = pallet_access_grants::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::MarketHelper;
}

parameter_types! {
	pub const MarketProtocolFee: Perbill = Perbill::from_percent(1);
	pub const TreasuryPalletId: PalletId = PalletId(*b"cp/trsry");
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
	pub const ListingDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::DataMarket(pallet_data_market::HoldReason::ListingDeposit);
	pub const PurchaseDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::DataMarket(pallet_data_market::HoldReason::PurchaseDeposit);
}

impl pallet_data_market::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Grants = AccessGrants;
	type Provenance = DeviceRegistry;
	type BlockNumberProvider = RelaychainDataProvider<Runtime>;
	// A seller's agent answers within seconds; an hour leaves room for proxies and outages.
	type FulfilmentWindow = ConstU32<RELAY_HOURS>;
	type ProtocolFee = MarketProtocolFee;
	type Treasury = TreasuryAccount;
	type ListingDeposit = StorageDeposit<ListingDepositReason>;
	type PurchaseDeposit = StorageDeposit<PurchaseDepositReason>;
	type MaxProvenanceRefs = ConstU32<16>;
	type WeightInfo = pallet_data_market::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::MarketHelper;
}

parameter_types! {
	/// A campaign's record and, while its committee makes the key, every member's polynomial
	/// and sealed shares (about 1 KB each).
	pub const CampaignDeposit: Balance = deposit(
		1 + cpchain_primitives::aggregates::MAX_COMMITTEE,
		3_200 + 1_030 * cpchain_primitives::aggregates::MAX_COMMITTEE,
	);
	/// A window's sum, count and shares.
	pub const WindowDeposit: Balance = deposit(1, 660);
	/// The record of a device that contributed (its id and last window).
	pub const ContributionDeposit: Balance = deposit(1, 52);
	pub const ParticipantDeposit: Balance = deposit(1, 72);
	pub const MemberBond: Balance = 100 * CPC;
	pub const MissedShareSlash: Perbill = Perbill::from_percent(10);
	pub const DealerFaultSlash: Perbill = Perbill::from_percent(100);
	pub const SlashToCreator: Perbill = Perbill::from_percent(50);
}

impl pallet_aggregates::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Devices = DeviceRegistry;
	type CampaignDeposit = CampaignDeposit;
	type WindowDeposit = WindowDeposit;
	type ContributionDeposit = ContributionDeposit;
	type ParticipantDeposit = ParticipantDeposit;
	type MemberBond = MemberBond;
	// A year of hourly windows.
	type MaxWindows = ConstU32<8_760>;
	type MinWindowLength = ConstU32<10>;
	// Three steps of a block each at least; creators give committees more.
	type KeyGenerationPeriod = ConstU32<10>;
	// A total of fewer says too much about each contribution.
	type MinContributions = ConstU32<5>;
	type DecryptionPeriod = ConstU32<{ HOURS }>;
	type MissedShareSlash = MissedShareSlash;
	type DealerFaultSlash = DealerFaultSlash;
	type SlashToCreator = SlashToCreator;
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	type WeightInfo = pallet_aggregates::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::MarketHelper;
}
