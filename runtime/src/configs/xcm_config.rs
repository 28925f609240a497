//! Cross-consensus messaging.
//!
//! CPChain speaks XCM with its relay chain and sibling parachains so that governance and
//! collator management can come from the relay chain and the native token can be reserve
//! transferred.
//!
//! * **Assets**: CPC, the native token, is the only asset, and only as `Here`. CPChain is its
//!   reserve. No other location is trusted as a reserve (`IsReserve = ()`) and teleports are
//!   off: the relay chain's token, or any other chain's, is refused, never credited as CPC.
//!   A transfer of a foreign asset to CPChain fails and the assets are trapped, claimable by
//!   their sender through `pallet_xcm::claim_assets` once this chain holds foreign assets.
//! * **Execution** is paid in CPC, withdrawn from the origin's sovereign account, unless it
//!   comes from the relay chain or its executive body (governance).
//! * **Delivery** of upward and sibling messages is priced as system parachains do: a base
//!   fee plus a fee per byte, scaled by the channel's fee factor, charged in CPC to the sender
//!   and paid to the treasury. Messages sent by root are free.

use frame_support::{
	parameter_types,
	traits::{ConstU32, Contains, Disabled, Equals, Everything, Nothing},
	weights::Weight,
};
use frame_system::EnsureRoot;
use pallet_xcm::XcmPassthrough;
use polkadot_parachain_primitives::primitives::Sibling;
use polkadot_runtime_common::{impls::ToAuthor, xcm_sender::ExponentialPrice};
use staging_xcm::latest::prelude::*;
use staging_xcm_builder::{
	AccountId32Aliases, AllowExplicitUnpaidExecutionFrom, AllowTopLevelPaidExecutionFrom,
	DenyRecursively, DenyReserveTransferToRelayChain, DenyThenTry, EnsureXcmOrigin,
	FixedWeightBounds, FrameTransactionalProcessor, FungibleAdapter, IsConcrete, ParentIsPreset,
	RelayChainAsNative, SendXcmFeeToAccount, SiblingParachainAsNative, SiblingParachainConvertsVia,
	SignedAccountId32AsNative, SignedToAccountId32, SovereignSignedViaLocation, TakeWeightCredit,
	TrailingSetTopicAsId, UsingComponents, WithComputedOrigin, WithUniqueTopic,
	XcmFeeManagerFromComponents,
};
use staging_xcm_executor::XcmExecutor;

use super::TreasuryAccount;
use crate::{
	AccountId, AllPalletsWithSystem, Balances, ParachainInfo, ParachainSystem, PolkadotXcm,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, WeightToFee, XcmpQueue, MICROCPC, MILLICPC,
};

parameter_types! {
	pub const RelayLocation: Location = Location::parent();
	/// CPC, as XCM names it on this chain.
	pub const NativeLocation: Location = Location::here();
	pub const NativeAssetId: AssetId = AssetId(Location::here());
	pub const RootLocation: Location = Location::here();
	pub const RelayNetwork: Option<NetworkId> = None;
	/// The treasury, which delivery fees are paid to.
	pub TreasuryLocation: Location =
		AccountId32 { network: None, id: TreasuryAccount::get().into() }.into();
	/// Delivery fee of one message upward or to a sibling, before its per-byte part; both
	/// are scaled by the channel's fee factor, which grows while the channel is congested.
	pub const BaseDeliveryFee: u128 = 3 * MILLICPC;
	/// Delivery fee per byte of an encoded message: the transaction byte fee.
	pub const DeliveryByteFee: u128 = 10 * MICROCPC;
	pub RelayChainOrigin: RuntimeOrigin = cumulus_pallet_xcm::Origin::Relay.into();
	pub UniversalLocation: InteriorLocation = Parachain(ParachainInfo::parachain_id().into()).into();
	/// Conservative weight of one XCM instruction until XCM is benchmarked for this runtime.
	pub UnitWeightCost: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 64;
}

/// How a `Location` maps to a local account.
pub type LocationToAccountId = (
	// The relay chain maps to the parent's well-known account.
	ParentIsPreset<AccountId>,
	// Siblings map to their sovereign accounts.
	SiblingParachainConvertsVia<Sibling, AccountId>,
	// A local 32-byte account is the account of the same key.
	AccountId32Aliases<RelayNetwork, AccountId>,
);

/// CPC (`Here`) is held in `Balances` under the accounts above. No other asset matches, so a
/// deposit of the relay chain's token, or any other, fails.
pub type LocalAssetTransactor =
	FungibleAdapter<Balances, IsConcrete<NativeLocation>, LocationToAccountId, AccountId, ()>;

/// How an incoming XCM origin becomes a dispatch origin for `Transact`.
pub type XcmOriginToTransactDispatchOrigin = (
	SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>,
	RelayChainAsNative<RelayChainOrigin, RuntimeOrigin>,
	SiblingParachainAsNative<cumulus_pallet_xcm::Origin, RuntimeOrigin>,
	SignedAccountId32AsNative<RelayNetwork, RuntimeOrigin>,
	XcmPassthrough<RuntimeOrigin>,
);

/// The relay chain and its executive body.
pub struct ParentOrParentsExecutivePlurality;
impl Contains<Location> for ParentOrParentsExecutivePlurality {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, []) | (1, [Plurality { id: BodyId::Executive, .. }]))
	}
}

/// Which messages may execute: paid ones from anyone, free ones from the relay chain.
pub type Barrier = TrailingSetTopicAsId<
	DenyThenTry<
		DenyRecursively<DenyReserveTransferToRelayChain>,
		(
			TakeWeightCredit,
			WithComputedOrigin<
				(
					AllowTopLevelPaidExecutionFrom<Everything>,
					AllowExplicitUnpaidExecutionFrom<ParentOrParentsExecutivePlurality>,
				),
				UniversalLocation,
				ConstU32<8>,
			>,
		),
	>,
>;

/// XCM executor configuration.
pub struct XcmConfig;
impl staging_xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = XcmRouter;
	type XcmEventEmitter = PolkadotXcm;
	type AssetTransactor = LocalAssetTransactor;
	type OriginConverter = XcmOriginToTransactDispatchOrigin;
	// No foreign asset is accepted, so no chain is trusted as a reserve.
	type IsReserve = ();
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	type Barrier = Barrier;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type Trader =
		UsingComponents<WeightToFee, NativeLocation, AccountId, Balances, ToAuthor<Runtime>>;
	type ResponseHandler = PolkadotXcm;
	type AssetTrap = PolkadotXcm;
	type SubscriptionService = PolkadotXcm;
	type PalletInstancesInfo = AllPalletsWithSystem;
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	type AssetLocker = ();
	type AssetExchanger = ();
	type FeeManager = XcmFeeManagerFromComponents<
		Equals<RootLocation>,
		SendXcmFeeToAccount<LocalAssetTransactor, TreasuryLocation>,
	>;
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	type SafeCallFilter = Everything;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = PolkadotXcm;
}

/// A local signed origin as an XCM location.
pub type LocalOriginToLocation = SignedToAccountId32<RuntimeOrigin, AccountId, RelayNetwork>;

/// Price of an upward message, in CPC.
pub type PriceForParentDelivery =
	ExponentialPrice<NativeAssetId, BaseDeliveryFee, DeliveryByteFee, ParachainSystem>;

/// Price of a message to a sibling, in CPC.
pub type PriceForSiblingDelivery =
	ExponentialPrice<NativeAssetId, BaseDeliveryFee, DeliveryByteFee, XcmpQueue>;

/// Upward messages to the relay chain, XCMP to siblings.
pub type XcmRouter = WithUniqueTopic<(
	cumulus_primitives_utility::ParentAsUmp<ParachainSystem, PolkadotXcm, PriceForParentDelivery>,
	XcmpQueue,
)>;

impl pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type SendXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	type XcmRouter = XcmRouter;
	type ExecuteXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	// No arbitrary XCM execution from extrinsics.
	type XcmExecuteFilter = Nothing;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type XcmTeleportFilter = Nothing;
	type XcmReserveTransferFilter = Everything;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type UniversalLocation = UniversalLocation;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	const VERSION_DISCOVERY_QUEUE_SIZE: u32 = 100;
	type AdvertisedXcmVersion = pallet_xcm::CurrentXcmVersion;
	type Currency = Balances;
	type CurrencyMatcher = ();
	type TrustedLockers = ();
	type SovereignAccountOf = LocationToAccountId;
	type MaxLockers = ConstU32<8>;
	type WeightInfo = crate::weights::pallet_xcm::WeightInfo<Runtime>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	// Aliasing is off (`Aliasers = Nothing`), so nothing is ever held for it.
	type AuthorizedAliasConsideration = Disabled;
}

impl cumulus_pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = XcmExecutor<XcmConfig>;
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{RuntimeGenesisConfig, System, CPC};
	use codec::Encode;
	use frame_support::traits::fungible::Inspect;
	use sp_runtime::BuildStorage;
	use staging_xcm::latest::{ExecuteXcm, Outcome, XcmHash};
	use staging_xcm_executor::traits::ConvertLocation;

	const SIBLING: u32 = cpchain_primitives::chain::PARA_ID + 1;
	const BOB: [u8; 32] = [2; 32];

	fn sibling() -> Location {
		Location::new(1, [Parachain(SIBLING)])
	}

	fn account_of(location: &Location) -> AccountId {
		LocationToAccountId::convert_location(location).expect("a known location")
	}

	/// The runtime's genesis with the sibling's sovereign account funded.
	fn ext() -> sp_io::TestExternalities {
		let mut genesis = RuntimeGenesisConfig::default();
		genesis.parachain_info.parachain_id = cpchain_primitives::chain::PARA_ID.into();
		genesis.balances.balances = vec![(account_of(&sibling()), 1_000 * CPC)];
		let mut ext: sp_io::TestExternalities = genesis.build_storage().unwrap().into();
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	fn execute(origin: Location, message: Vec<Instruction<RuntimeCall>>) -> Outcome {
		let mut hash: XcmHash = [0; 32];
		XcmExecutor::<XcmConfig>::prepare_and_execute(
			origin,
			Xcm(message),
			&mut hash,
			Weight::from_parts(100_000_000_000, 1024 * 1024),
			Weight::zero(),
		)
	}

	fn remark() -> Instruction<RuntimeCall> {
		let call = RuntimeCall::System(frame_system::Call::remark_with_event {
			remark: b"sensor batch 7".to_vec(),
		});
		Transact {
			origin_kind: OriginKind::SovereignAccount,
			fallback_max_weight: None,
			call: call.encode().into(),
		}
	}

	fn remarked_by(who: &AccountId) -> bool {
		System::events().iter().any(|r| {
			matches!(&r.event, crate::RuntimeEvent::System(frame_system::Event::Remarked { sender, .. }) if sender == who)
		})
	}

	#[test]
	fn the_relay_token_is_never_credited_as_cpc() {
		ext().execute_with(|| {
			let issuance = Balances::total_issuance();
			let bob = Location::new(0, [AccountId32 { network: None, id: BOB }]);
			let relay_token: Asset = (Location::parent(), 1_000 * CPC).into();
			for origin in [Location::parent(), sibling()] {
				let outcome = execute(
					origin,
					vec![
						ReserveAssetDeposited(relay_token.clone().into()),
						ClearOrigin,
						BuyExecution { fees: relay_token.clone(), weight_limit: Unlimited },
						DepositAsset { assets: AllCounted(1).into(), beneficiary: bob.clone() },
					],
				);
				assert!(outcome.ensure_complete().is_err());
			}
			// Nor is CPC itself taken from a chain claiming to be its reserve.
			let cpc: Asset = (Location::here(), 1_000 * CPC).into();
			let outcome = execute(
				sibling(),
				vec![
					ReserveAssetDeposited(cpc.clone().into()),
					ClearOrigin,
					BuyExecution { fees: cpc, weight_limit: Unlimited },
					DepositAsset { assets: AllCounted(1).into(), beneficiary: bob },
				],
			);
			assert!(outcome.ensure_complete().is_err());
			assert_eq!(Balances::total_issuance(), issuance);
			assert_eq!(Balances::balance(&BOB.into()), 0);
		});
	}

	#[test]
	fn a_sibling_pays_in_cpc_for_a_transact() {
		ext().execute_with(|| {
			let sovereign = account_of(&sibling());
			let before = Balances::balance(&sovereign);
			let fees: Asset = (Location::here(), CPC).into();
			let outcome = execute(
				sibling(),
				vec![
					WithdrawAsset(fees.clone().into()),
					BuyExecution { fees, weight_limit: Unlimited },
					remark(),
					RefundSurplus,
					DepositAsset { assets: AllCounted(1).into(), beneficiary: sibling() },
				],
			);
			assert!(matches!(outcome, Outcome::Complete { .. }), "{outcome:?}");
			assert!(remarked_by(&sovereign));
			let paid = before - Balances::balance(&sovereign);
			assert!(paid > 0 && paid < CPC, "paid {paid}");
		});
	}

	#[test]
	fn an_unpaid_transact_from_a_sibling_is_refused() {
		ext().execute_with(|| {
			let sovereign = account_of(&sibling());
			let before = Balances::balance(&sovereign);
			for message in [
				vec![remark()],
				vec![UnpaidExecution { weight_limit: Unlimited, check_origin: None }, remark()],
			] {
				assert!(execute(sibling(), message).ensure_complete().is_err());
			}
			assert!(!remarked_by(&sovereign));
			assert_eq!(Balances::balance(&sovereign), before);
		});
	}

	#[test]
	fn delivery_is_priced_in_cpc() {
		let message: Xcm<()> = Xcm(vec![ClearOrigin]);
		ext().execute_with(|| {
			use polkadot_runtime_common::xcm_sender::PriceForMessageDelivery;
			let upward = PriceForParentDelivery::price_for_delivery((), &message);
			let sideways = PriceForSiblingDelivery::price_for_delivery(SIBLING.into(), &message);
			let expected: Assets =
				(Location::here(), BaseDeliveryFee::get() + 2 * DeliveryByteFee::get()).into();
			assert_eq!(upward, expected);
			assert_eq!(sideways, expected);
		});
	}
}
