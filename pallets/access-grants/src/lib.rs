//! # Access grants
//!
//! A buyer gets access to encrypted data without the seller handing out the data key and
//! without any middleman able to read it: Umbral threshold proxy re-encryption, verified on
//! chain.
//!
//! * A listing's data key is sealed in an Umbral capsule under the listing's delegating key.
//!   When a buyer purchases, the data market opens a **grant** ([`GrantManager::request`]) that
//!   records the capsule, the listing's delegating and verifying keys, the buyer's public key,
//!   the number of fragments needed (`threshold`) and a deadline. The buyer's deposit pays for
//!   the grant's storage.
//! * Off chain, the seller makes key fragments for the buyer's key, signed with the listing's
//!   verifying key. Either the seller's agent re-encrypts the capsule itself, or it sends the key
//!   fragments, encrypted, to the **proxies** it assigned to the listing (m-of-n). Key fragments
//!   never touch the chain.
//! * [`Pallet::submit_fragments`] takes capsule fragments from the seller or an assigned
//!   proxy. The runtime verifies each one with `CapsuleFrag::verify` against the grant's
//!   capsule and keys. Once `threshold` fragments from distinct key fragments of one
//!   key-fragment set are stored, the grant is **fulfilled** and the data market releases the
//!   escrow ([`GrantOutcome`]). The buyer reads the fragments through the runtime API and
//!   decrypts off chain.
//! * Umbral decrypts only with fragments of one key-fragment set (one `generate_kfrags` run,
//!   identified by its precursor point). The first stored fragment fixes the grant's set; a
//!   proxy's fragment of another set is refused (`FragmentOfAnotherSet`), so stale or forged
//!   sets never add up to a threshold the buyer cannot use. The grantor, who makes the key
//!   fragments, may start the grant over with another set (`FragmentsDiscarded`).
//! * A fragment whose key fragment signature does not match this grant (made for another
//!   grantee, listing or verifying key) is refused with an error. A fragment with a genuine
//!   key fragment whose re-encryption proof fails is provable misbehaviour: it is recorded as a
//!   **fault** against the submitter and, for a proxy, `FaultSlash` of its stake goes to the
//!   seller. The call succeeds so that the fault stays on record, whatever else it carries
//!   (nothing else of it is taken); the `FaultRecorded` event reports it. A fragment re-encrypting another capsule falls in this second case: the chain
//!   cannot tell it from a forged re-encryption.
//! * The seller may **revoke** a grant that is not fulfilled (the buyer is refunded); a grant
//!   whose deadline passed **expires** when the data market refunds it. Fragments are refused
//!   after either. Every settled grant is kept for `Retention` blocks, so that the buyer can
//!   read its fragments, then pruned in `on_idle` (within the block's spare weight) and its
//!   deposit released.
//!
//! Money only moves through holds and transfers of held funds: total issuance never changes.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod dispatchable_impls;
pub mod runtime_api;
mod tick_impls;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", feature = "std"))]
mod try_state;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use cpchain_pallet_support::queue::IdleQueue;
	use cpchain_primitives::pre::PublicKeyBytes;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{hold, Inspect, Mutate, MutateHold},
			Consideration, Footprint,
		},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::BlockNumberProvider, Perbill};

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Currency stakes and deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ hold::Balanced<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who sells each listing: the data market.
		type Listings: ListingSeller<Self::AccountId>;

		/// Told when a grant is fulfilled or revoked: the data market.
		type Outcome: GrantOutcome;

		/// The clock of this pallet's windows (`ProxyUnbonding`, `Retention`, grant deadlines):
		/// in CPChain the relay chain's block number, which keeps a day a day when parachain
		/// block times change. The data market sets grants' deadlines and reads the same clock.
		type BlockNumberProvider: BlockNumberProvider<BlockNumber = BlockNumberFor<Self>>;

		/// Smallest stake a proxy must hold.
		#[pallet::constant]
		type MinProxyStake: Get<BalanceOf<Self>>;

		/// Blocks (of `BlockNumberProvider`) between a proxy leaving and its stake being released.
		#[pallet::constant]
		type ProxyUnbonding: Get<BlockNumberFor<Self>>;

		/// Part of a proxy's stake slashed for each fragment that fails verification.
		#[pallet::constant]
		type FaultSlash: Get<Perbill>;

		/// Most proxies a listing may have.
		#[pallet::constant]
		type MaxProxies: Get<u32>;

		/// Most fragments a grant may need (at most 255).
		#[pallet::constant]
		type MaxThreshold: Get<u32>;

		/// Blocks (of `BlockNumberProvider`) a settled grant and its fragments are kept before
		/// being pruned.
		#[pallet::constant]
		type Retention: Get<BlockNumberFor<Self>>;

		/// Deposit a grant takes from its grantee until it is pruned, for a footprint of one
		/// record of the grant's and its fragments' largest encoded size ([`grant_footprint`]).
		type GrantDeposit: Consideration<Self::AccountId, Footprint>;

		/// Deposit a listing's delegation takes from its seller, for a footprint of one record
		/// of the delegation's largest encoded size.
		type DelegationDeposit: Consideration<Self::AccountId, Footprint>;

		/// Weights of this pallet's calls and hooks, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Creates listings for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds: proxies' stakes always, the deposits in a runtime that
	/// takes them as holds (`HoldConsideration`).
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A proxy's stake.
		ProxyStake,
		/// Storage deposit of a grant, held from the grantee.
		GrantDeposit,
		/// Storage deposit of a listing's delegation, held from the seller.
		DelegationDeposit,
	}

	/// Id the next grant gets.
	#[pallet::storage]
	pub type NextGrantId<T: Config> = StorageValue<_, GrantId, ValueQuery>;

	/// Grants, until pruned.
	#[pallet::storage]
	pub type Grants<T: Config> = StorageMap<_, Twox64Concat, GrantId, Grant<T>>;

	/// Verified capsule fragments of each grant.
	#[pallet::storage]
	pub type Fragments<T: Config> =
		StorageMap<_, Twox64Concat, GrantId, FragmentsOf<T>, ValueQuery>;

	/// Grants of each grantee.
	#[pallet::storage]
	pub type GrantsOf<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, GrantId, ()>;

	/// Settled grants in the order they are to be pruned: `PruneQueue[head..tail]`. Every grant
	/// is kept `Retention` blocks after settling, so settling order is pruning order.
	#[pallet::storage]
	pub type PruneQueue<T: Config> = StorageMap<_, Twox64Concat, u64, GrantId>;

	/// `(head, tail)` of `PruneQueue`.
	#[pallet::storage]
	pub type PruneBounds<T: Config> = StorageValue<_, (u64, u64), ValueQuery>;

	/// The queue of settled grants, drained by `on_idle`.
	pub(crate) type PruneQueueOf<T> = IdleQueue<GrantId, PruneQueue<T>, PruneBounds<T>>;

	/// Registered re-encryption proxies.
	#[pallet::storage]
	pub type Proxies<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ProxyInfo<BalanceOf<T>, BlockNumberFor<T>>>;

	/// Proxies and threshold a seller set for a listing. Without one, a grant needs one
	/// fragment, from the seller.
	#[pallet::storage]
	pub type Delegations<T: Config> = StorageMap<_, Twox64Concat, ListingId, Delegation<T>>;

	/// Fragments each account submitted that failed verification.
	#[pallet::storage]
	pub type Faults<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A grant was opened; fragments are taken until `deadline`.
		GrantRequested {
			grant: GrantId,
			listing: ListingId,
			grantor: T::AccountId,
			grantee: T::AccountId,
			grantee_key: PublicKeyBytes,
			threshold: u8,
			deadline: BlockNumberFor<T>,
		},
		/// `count` verified fragments were stored; the grant has `total` of `threshold`.
		FragmentsAccepted { grant: GrantId, submitter: T::AccountId, count: u32, total: u32 },
		/// `count` fragments failed verification: a fault against the submitter, and
		/// `slashed` of its stake went to the grantor if it is a proxy.
		FaultRecorded { grant: GrantId, submitter: T::AccountId, count: u32, slashed: BalanceOf<T> },
		/// The grantor started the grant over with fragments of another key-fragment set:
		/// the `count` fragments stored before no longer count.
		FragmentsDiscarded { grant: GrantId, count: u32 },
		/// The grant has its threshold of verified fragments: the grantee can decrypt.
		GrantFulfilled { grant: GrantId },
		/// The grantor revoked the grant before it was fulfilled.
		GrantRevoked { grant: GrantId },
		/// The grant's deadline passed without enough fragments.
		GrantExpired { grant: GrantId },
		/// A settled grant and its fragments were removed and its deposit released, after
		/// its retention or by its grantee.
		GrantPruned { grant: GrantId },
		/// An account registered as a proxy with `stake` held.
		ProxyRegistered { proxy: T::AccountId, stake: BalanceOf<T> },
		/// A proxy stopped taking work; its stake unbonds at `unbonds_at`.
		ProxyLeaving { proxy: T::AccountId, unbonds_at: BlockNumberFor<T> },
		/// A proxy left and its remaining stake was released.
		ProxyRemoved { proxy: T::AccountId, stake: BalanceOf<T> },
		/// The seller set the proxies and threshold of a listing's future grants. An empty
		/// list with threshold 1 is the default and removes the record.
		DelegationSet { listing: ListingId, proxies: Vec<T::AccountId>, threshold: u8 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No grant with this id.
		UnknownGrant,
		/// The grant is already fulfilled.
		AlreadyFulfilled,
		/// The grant was revoked.
		GrantRevoked,
		/// The grant expired, or its deadline has passed.
		GrantExpired,
		/// The grant's deadline has not passed yet.
		DeadlineNotPassed,
		/// Only the grantor or a proxy assigned to the listing may submit fragments.
		NotAuthorized,
		/// Only the grantor may revoke a grant.
		NotGrantor,
		/// Only the grantee may release a grant.
		NotGrantee,
		/// The grant is still requested: only a fulfilled, revoked or expired grant is
		/// released.
		GrantNotSettled,
		/// No fragments were given.
		NoFragments,
		/// More fragments than the grant still needs.
		TooManyFragments,
		/// A fragment is not an encoded Umbral capsule fragment.
		MalformedFragment,
		/// Two fragments come from the same key fragment.
		DuplicateFragment,
		/// A fragment's key fragment was not signed for this grant's keys and grantee.
		FragmentNotForGrant,
		/// A fragment comes from another key-fragment set than the grant's other fragments
		/// (another `generate_kfrags` run): fragments of two sets cannot be decrypted together.
		FragmentOfAnotherSet,
		/// The account cannot pay the stake or deposit.
		InsufficientBalance,
		/// The account is already a proxy.
		AlreadyProxy,
		/// The account is not a registered, active proxy.
		NotProxy,
		/// The stake is below `MinProxyStake`.
		StakeTooLow,
		/// The proxy is not leaving.
		NotLeaving,
		/// The unbonding period is not over.
		UnbondingNotOver,
		/// No listing with this id.
		UnknownListing,
		/// Only the listing's seller may set its proxies.
		NotSeller,
		/// The threshold is zero, above `MaxThreshold`, or above the number of proxies.
		InvalidThreshold,
		/// A proxy appears twice.
		DuplicateProxy,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(remaining);
			Self::prune(&mut meter);
			meter.consumed()
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			let max = T::MaxThreshold::get();
			assert!(max > 0 && max <= u8::MAX as u32, "MaxThreshold must be in 1..=255");
			assert!(
				T::MaxProxies::get() >= max,
				"MaxProxies must allow a delegation of MaxThreshold proxies"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Submit capsule fragments re-encrypted for a grant's grantee: the grantor (seller)
		/// or a proxy assigned to the listing. Each fragment is verified against the grant's
		/// capsule and keys; verified ones are stored, and the grant is fulfilled (escrow
		/// released) once it has `threshold` of them, all of one key-fragment set. A fragment
		/// with a genuine key fragment but a failing re-encryption proof is recorded as a
		/// fault (`FaultRecorded`) and a proxy's stake is slashed; the call then succeeds so
		/// that the fault is kept, and takes none of its other fragments.
		#[pallet::call_index(0)]
		#[pallet::weight(
			T::WeightInfo::submit_fragments(fragments.len() as u32)
				.max(T::WeightInfo::submit_faulty_fragments(fragments.len() as u32))
				.saturating_add(T::Outcome::weight())
		)]
		pub fn submit_fragments(
			origin: OriginFor<T>,
			grant: GrantId,
			fragments: BoundedVec<FragmentBytes, T::MaxThreshold>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_submit_fragments(who, grant, fragments)
		}

		/// Revoke a grant that is not fulfilled yet: no fragment is taken for it any more and
		/// the grantee is refunded. Only the grantor may.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke_grant().saturating_add(T::Outcome::weight()))]
		pub fn revoke_grant(origin: OriginFor<T>, grant: GrantId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_revoke_grant(who, grant)
		}

		/// Register the caller as a re-encryption proxy, holding `stake` (at least
		/// `MinProxyStake`), which faults are slashed from.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::register_proxy())]
		pub fn register_proxy(origin: OriginFor<T>, stake: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_proxy(who, stake)
		}

		/// Stop taking work and start the unbonding period. Fragments are no longer taken
		/// from the caller.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::unregister_proxy())]
		pub fn unregister_proxy(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unregister_proxy(who)
		}

		/// Release the stake of a proxy whose unbonding period is over, and forget it.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw_proxy())]
		pub fn withdraw_proxy(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_proxy(who)
		}

		/// Set which registered proxies may submit fragments for `listing`'s grants and how
		/// many fragments (from distinct key fragments) a new grant needs. Only the seller
		/// may. Holds a deposit for the record; an empty list with threshold 1 removes it and
		/// releases the deposit, also once the listing itself is gone.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_delegation(proxies.len() as u32))]
		pub fn set_delegation(
			origin: OriginFor<T>,
			listing: ListingId,
			proxies: BoundedVec<T::AccountId, T::MaxProxies>,
			threshold: u8,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_delegation(who, listing, proxies, threshold)
		}

		/// Remove a settled grant of the caller's (its fragments read, or no longer wanted)
		/// before its retention is over, and release its deposit now.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::release_grant())]
		pub fn release_grant(origin: OriginFor<T>, grant: GrantId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_release_grant(who, grant)
		}
	}
}
