//! Runtime APIs: what the node, polkadot.js (`api.call.*`) and subxt can ask the runtime.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_access_grants::{
	runtime_api::{FragmentDetails, GrantDetails},
	GrantId, ListingId, ProxyInfo,
};
use pallet_aggregates::{
	runtime_api::{CampaignDetails, WindowResult},
	CampaignId, Window, WindowIndex,
};
use pallet_data_market::{Listing, Purchase, PurchaseId, Reputation};
use pallet_device_registry::{
	runtime_api::DeviceDetails, AnchorHead, DeviceId, DeviceKey, KeyRecord,
};
use pallet_storage_proofs::{
	runtime_api::OrderDetails, Challenge, ChallengeId, OrderId, ProviderInfo as StorageProviderInfo,
};
use sp_api::impl_runtime_apis;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::Block as BlockT,
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use crate::{
	AccessGrants, AccountId, Aggregates, AuraId, Balance, Block, BlockNumber, ConsensusHook,
	DataMarket, DeviceRegistry, Executive, InherentDataExt, Nonce, ParachainInfo, ParachainSystem,
	Runtime, RuntimeCall, RuntimeGenesisConfig, SessionKeys, StorageProofs, System,
	TransactionPayment, BLOCK_PROCESSING_VELOCITY, RELAY_PARENT_OFFSET, SLOT_DURATION, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block)
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(SLOT_DURATION)
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
		fn can_build_upon(
			included_hash: <Block as BlockT>::Hash,
			slot: cumulus_primitives_aura::Slot,
		) -> bool {
			ConsensusHook::can_build_upon(included_hash, slot)
		}
	}

	impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
		fn relay_parent_offset() -> u32 {
			RELAY_PARENT_OFFSET
		}

		fn max_claim_queue_offset() -> u8 {
			ParachainSystem::max_claim_queue_offset()
		}
	}

	impl cumulus_primitives_core::SchedulingV3EnabledApi<Block> for Runtime {
		fn scheduling_v3_enabled() -> bool {
			<<Runtime as cumulus_pallet_parachain_system::Config>::SchedulingSignatureVerifier
				as cumulus_primitives_core::VerifySchedulingSignature>::V3_SCHEDULING_ENABLED
		}
	}

	impl cumulus_primitives_core::TargetBlockRate<Block> for Runtime {
		fn target_block_rate() -> u32 {
			BLOCK_PROCESSING_VELOCITY
		}
	}

	impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
		fn parachain_id() -> cumulus_primitives_core::ParaId {
			ParachainInfo::parachain_id()
		}
	}

	impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
		fn collect_collation_info(header: &<Block as BlockT>::Header) -> cumulus_primitives_core::CollationInfo {
			ParachainSystem::collect_collation_info(header)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}

	impl pallet_device_registry::runtime_api::DeviceRegistryApi<Block, AccountId, BlockNumber> for Runtime {
		fn device(id: DeviceId) -> Option<DeviceDetails<AccountId, BlockNumber>> {
			DeviceRegistry::device(id)
		}

		fn devices_of(owner: AccountId) -> Vec<DeviceId> {
			DeviceRegistry::devices_of(&owner)
		}

		fn anchor_head(id: DeviceId) -> Option<AnchorHead<BlockNumber>> {
			DeviceRegistry::anchor_head(id)
		}

		fn key_record(key: DeviceKey) -> KeyRecord {
			DeviceRegistry::key_record(key)
		}
	}

	impl pallet_storage_proofs::runtime_api::StorageProofsApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn provider(who: AccountId) -> Option<StorageProviderInfo<Balance, BlockNumber>> {
			StorageProofs::provider(&who)
		}

		fn order(id: OrderId) -> Option<OrderDetails<AccountId, Balance, BlockNumber>> {
			StorageProofs::order(id)
		}

		fn orders_of(owner: AccountId) -> Vec<OrderId> {
			StorageProofs::orders_of(&owner)
		}

		fn open_challenges(provider: AccountId) -> Vec<(ChallengeId, Challenge<AccountId, BlockNumber>)> {
			StorageProofs::open_challenges(&provider)
		}

		fn min_fee(size: u64, replicas: u32, duration: BlockNumber) -> Balance {
			StorageProofs::min_fee_for(size, replicas, duration)
		}
	}

	impl pallet_aggregates::runtime_api::AggregatesApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn campaign(id: CampaignId) -> Option<CampaignDetails<AccountId, Balance, BlockNumber>> {
			Aggregates::campaign(id)
		}

		fn window(id: CampaignId, window: WindowIndex) -> Option<Window> {
			Aggregates::window(id, window)
		}

		fn results(id: CampaignId) -> Vec<WindowResult> {
			Aggregates::results(id)
		}
	}

	impl pallet_data_market::runtime_api::DataMarketApi<Block, AccountId, Listing<Runtime>, Purchase<Runtime>> for Runtime {
		fn listing(id: ListingId) -> Option<Listing<Runtime>> {
			DataMarket::listing(id)
		}

		fn listings_of(seller: AccountId) -> Vec<ListingId> {
			DataMarket::listings_of(&seller)
		}

		fn purchase(id: PurchaseId) -> Option<Purchase<Runtime>> {
			DataMarket::purchase_details(id)
		}

		fn open_purchases(buyer: AccountId) -> Vec<(PurchaseId, Purchase<Runtime>)> {
			DataMarket::open_purchases(&buyer)
		}

		fn reputation(seller: AccountId) -> Reputation {
			DataMarket::reputation(&seller)
		}
	}

	impl pallet_access_grants::runtime_api::AccessGrantsApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn grant(id: GrantId) -> Option<GrantDetails<AccountId, BlockNumber>> {
			AccessGrants::grant(id)
		}

		fn grants_of(grantee: AccountId) -> Vec<GrantId> {
			AccessGrants::grants_of(&grantee)
		}

		fn fragments(id: GrantId) -> Vec<FragmentDetails<AccountId>> {
			AccessGrants::fragments(id)
		}

		fn proxy(who: AccountId) -> Option<ProxyInfo<Balance, BlockNumber>> {
			AccessGrants::proxy(&who)
		}

		fn delegation(listing: ListingId) -> (Vec<AccountId>, u8) {
			AccessGrants::delegation(listing)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// A failed check stops try-runtime-cli with the reason.
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select).unwrap()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			crate::benchmarks::metadata(extra)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			crate::benchmarks::dispatch(config)
		}
	}
}
