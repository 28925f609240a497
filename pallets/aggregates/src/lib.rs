//! # Aggregates
//!
//! Totals of device readings that nobody, the buyer of the totals included, can take apart:
//! devices encrypt their readings for a committee's joint key, the chain adds the ciphertexts
//! up, and the committee decrypts only each window's sum.
//!
//! * **Campaigns**: a creator names a metric, a value range `0..=max_value`, windows of
//!   `window_length` blocks from `start`, a reward per accepted contribution and a budget, which
//!   is held and pays the rewards, and a committee of `n` accounts of which `threshold` decrypt.
//!   The creator's storage deposit (`CampaignDeposit` plus `WindowDeposit` per window, and
//!   `ContributionDeposit` taken from the budget for each device that contributes) comes back
//!   when the campaign's records are reaped.
//! * **The joint key** is made by elastic-elgamal's committed Pedersen key generation, with the
//!   chain as the bulletin board ([`cpchain_primitives::aggregates`]): each member commits to
//!   its key share and bonds `MemberBond`; then publishes its public polynomial, with a proof of
//!   possession that the chain checks, and its secret shares for the others, sealed for each
//!   recipient's transport key; the chain adds the polynomials and derives every member's share
//!   key; each member proves it holds its share key. No one ever holds the secret key. If the
//!   key generation is not done by `start`, anyone may cancel the campaign: the budget goes
//!   back, and each member that did not take its step is struck and slashed. A member whose
//!   sealed share does not match its sender's polynomial (so it cannot confirm) complains
//!   instead: it reveals their Diffie-Hellman point with a proof of equal discrete
//!   logarithms, the chain opens that one share, and if it is wrong the sender loses
//!   `DealerFaultSlash` of its bond and the campaign is cancelled.
//! * **Participants**: device owners join a campaign (with `ParticipantDeposit` held until they
//!   leave); their active devices may contribute.
//! * **Contributions**: an ElGamal ciphertext of a value with a range proof bound to the
//!   campaign, the window and the device, signed by the device, or submitted without a device
//!   signature by its owner or one of the owner's gateways (the device registry's). One per
//!   device and window, during the window. The chain verifies the proof, adds the ciphertext to
//!   the window's sum, counts it, and pays the reward to the device's owner.
//! * **Decryption**: after a window ends, if it has at least `MinContributions` contributions,
//!   each member publishes its decryption share of the window's sum with a proof (checked; a
//!   wrong share is refused) within `DecryptionPeriod` blocks. With `threshold` shares anyone submits the total, accepted only if the combined
//!   shares decrypt the sum to it. Then anyone closes the window: each member without a
//!   share is struck and `MissedShareSlash` of its bond is slashed, `SlashToCreator` of that to
//!   the creator. A wrong share cannot be slashed as it is refused (a refused call changes
//!   nothing), but it leaves the member without a share when the window closes.
//! * **Results** are public: the window's total and count are in storage and in the
//!   `WindowDecrypted` event; the mean is `total / count`. The campaign's creator paid for
//!   them; they are the point of the campaign (a city's mean speed, a fleet's braking rate).
//!
//! What a total does not hide: a window's total with the contributions of all but one device
//! known (devices of the creator's own, or the same devices over two windows but one) gives the
//! last device's value. `MinContributions` sets a floor, not a guarantee; campaigns that need
//! more add noise to the values they ask for.
//!
//! Reads go through the [`runtime_api::AggregatesApi`] runtime API.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod dispatchable_impls;
pub mod runtime_api;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
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
	use cpchain_primitives::{
		aggregates::{CiphertextBytes, ComplaintProofBytes, ElementBytes, ShareProofBytes},
		device::{DeviceId, DeviceKeys, DeviceSignature},
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{hold::Balanced, Credit, Inspect, Mutate, MutateHold},
			OnUnbalanced,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Currency budgets, bonds and deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Balanced<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Devices' owners, keys and gateways: the device registry.
		type Devices: DeviceKeys<Self::AccountId>;

		/// Deposit for a campaign's record.
		#[pallet::constant]
		type CampaignDeposit: Get<BalanceOf<Self>>;

		/// Deposit for each window's record.
		#[pallet::constant]
		type WindowDeposit: Get<BalanceOf<Self>>;

		/// Deposit for the record of each device that contributed, taken from the budget.
		#[pallet::constant]
		type ContributionDeposit: Get<BalanceOf<Self>>;

		/// Deposit a device owner pays to join a campaign, back when it leaves.
		#[pallet::constant]
		type ParticipantDeposit: Get<BalanceOf<Self>>;

		/// What each committee member bonds when it commits to its key share.
		#[pallet::constant]
		type MemberBond: Get<BalanceOf<Self>>;

		/// Most windows a campaign may have.
		#[pallet::constant]
		type MaxWindows: Get<u32>;

		/// Shortest window, in blocks.
		#[pallet::constant]
		type MinWindowLength: Get<BlockNumberFor<Self>>;

		/// Least time, in blocks, a committee is given to make its key before the first window.
		#[pallet::constant]
		type KeyGenerationPeriod: Get<BlockNumberFor<Self>>;

		/// Fewest contributions a window's sum must have to be decrypted: a total of fewer would
		/// say too much about each.
		#[pallet::constant]
		type MinContributions: Get<u32>;

		/// Blocks after a window ends in which the committee must publish its shares.
		#[pallet::constant]
		type DecryptionPeriod: Get<BlockNumberFor<Self>>;

		/// Part of its bond a member loses for each key-generation step and window it misses.
		#[pallet::constant]
		type MissedShareSlash: Get<Perbill>;

		/// Part of its bond a member loses when a complaint proves it sealed a wrong share.
		#[pallet::constant]
		type DealerFaultSlash: Get<Perbill>;

		/// Part of a slash that goes to the campaign's creator; the rest goes to `Slash`.
		#[pallet::constant]
		type SlashToCreator: Get<Perbill>;

		/// Receives what is slashed and not given to the creator.
		type Slash: OnUnbalanced<Credit<Self::AccountId, Self::Currency>>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Registers devices for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A campaign's budget and its creator's storage deposit.
		Campaign,
		/// A committee member's bond.
		MemberBond,
		/// A participant's deposit.
		Participant,
	}

	/// Id the next campaign gets.
	#[pallet::storage]
	pub type NextCampaignId<T: Config> = StorageValue<_, CampaignId, ValueQuery>;

	/// Campaigns, until reaped.
	#[pallet::storage]
	pub type Campaigns<T: Config> = StorageMap<_, Twox64Concat, CampaignId, CampaignOf<T>>;

	/// Device owners who joined a campaign, with the deposit held for them.
	#[pallet::storage]
	pub type Participants<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CampaignId, Blake2_128Concat, T::AccountId, BalanceOf<T>>;

	/// Each member's public polynomial and the secret shares it sealed for the others, until
	/// every member confirmed its share key: members check the shares they open against their
	/// sender's polynomial.
	#[pallet::storage]
	pub type Published<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CampaignId,
		Twox64Concat,
		MemberIndex,
		(Polynomial, SealedShares),
	>;

	/// Windows that have a contribution, a share or were closed.
	#[pallet::storage]
	pub type Windows<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CampaignId, Twox64Concat, WindowIndex, Window>;

	/// The last window each device contributed to, per campaign.
	#[pallet::storage]
	pub type Contributed<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CampaignId, Identity, DeviceId, WindowIndex>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A campaign was created; `budget` and `deposit` are held from its creator. The
		/// committee makes its key next.
		CampaignCreated {
			campaign: CampaignId,
			creator: T::AccountId,
			metric: Metric,
			max_value: u64,
			start: BlockNumberFor<T>,
			window_length: BlockNumberFor<T>,
			windows: u32,
			reward: BalanceOf<T>,
			budget: BalanceOf<T>,
			deposit: BalanceOf<T>,
			committee: BoundedVec<T::AccountId, MaxCommittee>,
			threshold: u32,
		},
		/// A device owner joined a campaign.
		Joined { campaign: CampaignId, owner: T::AccountId },
		/// A device owner left a campaign; its devices no longer contribute.
		Left { campaign: CampaignId, owner: T::AccountId },
		/// A member committed to its key share and bonded `bond`.
		KeyCommitted { campaign: CampaignId, member: MemberIndex, bond: BalanceOf<T> },
		/// A member published its public polynomial and sealed shares (in `Published`).
		KeyPublished { campaign: CampaignId, member: MemberIndex },
		/// A member proved it holds its share key.
		KeyConfirmed { campaign: CampaignId, member: MemberIndex },
		/// The key generation moved to its next step.
		PhaseChanged { campaign: CampaignId, phase: Phase },
		/// The joint key is made: devices encrypt for `key` from the first window on.
		CampaignActivated { campaign: CampaignId, key: ElementBytes },
		/// A contribution was accepted: added to the window's sum, `reward` paid to `owner`.
		Contributed {
			campaign: CampaignId,
			window: WindowIndex,
			device: DeviceId,
			owner: T::AccountId,
			reward: BalanceOf<T>,
		},
		/// A member's decryption share of a window's sum was verified.
		ShareAccepted { campaign: CampaignId, window: WindowIndex, member: MemberIndex },
		/// A window's sum was decrypted: `total` over `count` contributions.
		WindowDecrypted { campaign: CampaignId, window: WindowIndex, total: u64, count: u32 },
		/// A member missed a key-generation step (`window` is `None`) or a window's share:
		/// struck, and `slashed` of its bond slashed.
		MemberStruck {
			campaign: CampaignId,
			window: Option<WindowIndex>,
			member: MemberIndex,
			slashed: BalanceOf<T>,
		},
		/// A complaint proved that member `dealer` sealed a share for member `accuser` that does
		/// not match its polynomial: `slashed` of its bond was slashed, and the campaign is
		/// cancelled (`CampaignCancelled` follows).
		DealerFaulted {
			campaign: CampaignId,
			dealer: MemberIndex,
			accuser: MemberIndex,
			slashed: BalanceOf<T>,
		},
		/// A window was closed.
		WindowClosed { campaign: CampaignId, window: WindowIndex, decrypted: bool },
		/// Every window is closed: the rest of the budget and the bonds were released.
		CampaignFinished { campaign: CampaignId, refund: BalanceOf<T> },
		/// The key generation did not finish by the first window: the budget and the bonds
		/// were released, less the slashes.
		CampaignCancelled { campaign: CampaignId, refund: BalanceOf<T> },
		/// `removed` records of an ended campaign were reaped; `done` when the campaign itself
		/// was removed and its deposit released.
		Reaped { campaign: CampaignId, removed: u32, done: bool },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No campaign with this id.
		UnknownCampaign,
		/// `max_value` is 0 or above the largest range (`aggregates::MAX_VALUE`).
		InvalidRange,
		/// The window length is below `MinWindowLength`.
		WindowTooShort,
		/// No windows, or more than `MaxWindows`.
		InvalidWindowCount,
		/// The first window starts before the committee has `KeyGenerationPeriod` blocks.
		StartTooSoon,
		/// The threshold is 0 or above the committee's size.
		InvalidThreshold,
		/// An account is twice in the committee.
		DuplicateMember,
		/// The budget does not cover one contribution's reward and deposit.
		BudgetTooLow,
		/// The account cannot pay the budget, bond or deposit.
		InsufficientBalance,
		/// The owner already joined this campaign.
		AlreadyJoined,
		/// The owner has not joined this campaign.
		NotJoined,
		/// The caller is not a member of the committee.
		NotMember,
		/// The campaign is not at this step of the key generation.
		WrongPhase,
		/// The key generation is over: the first window has started.
		KeyGenerationOver,
		/// The member already took this step.
		AlreadyDone,
		/// A transport key or polynomial coefficient is not a Ristretto point.
		MalformedKey,
		/// A proof does not decode.
		MalformedProof,
		/// A proof does not verify.
		InvalidProof,
		/// The polynomial's first coefficient does not open the member's commitment.
		CommitmentMismatch,
		/// The polynomial has not `threshold` coefficients, or the sealed shares are not one
		/// per member.
		WrongLength,
		/// The campaign is not active: its key is not made, or it is over.
		NotActive,
		/// The window is not open for contributions now.
		WindowNotOpen,
		/// No such device, or it is suspended or revoked.
		DeviceInactive,
		/// The device's owner has not joined the campaign.
		NotEligible,
		/// The device signature does not verify.
		BadSignature,
		/// Without a device signature, only the device's owner or one of its gateways submits.
		NotAuthorized,
		/// The device already contributed to this window.
		AlreadyContributed,
		/// The ciphertext is not two Ristretto points.
		MalformedCiphertext,
		/// The range proof does not prove that this ciphertext encrypts a value in the
		/// campaign's range, for this campaign, window and device.
		InvalidRangeProof,
		/// The budget left does not cover this contribution.
		BudgetExhausted,
		/// The campaign has no window with this index.
		UnknownWindow,
		/// The window has not ended, or its decryption period is over.
		NotDecrypting,
		/// The window has fewer than `MinContributions` contributions: its sum is not decrypted.
		TooFewContributions,
		/// The decryption share or its proof is wrong.
		InvalidShare,
		/// Fewer than `threshold` shares of the window's sum are in.
		NotEnoughShares,
		/// The window's total is already known.
		AlreadyDecrypted,
		/// The total is not what the window's sum decrypts to.
		WrongTotal,
		/// The window's decryption period is not over.
		TooEarly,
		/// The window is closed.
		AlreadyClosed,
		/// The campaign has not ended.
		NotOver,
		/// A complaint names no other member of the committee.
		InvalidDealer,
		/// The share the dealer sealed for the accuser matches the dealer's polynomial.
		ComplaintUnfounded,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(T::MaxWindows::get() > 0, "MaxWindows must not be zero");
			assert!(!T::MinWindowLength::get().is_zero(), "MinWindowLength must not be zero");
			assert!(!T::DecryptionPeriod::get().is_zero(), "DecryptionPeriod must not be zero");
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a campaign measuring `metric` with values in `0..=max_value`, in `windows`
		/// windows of `window_length` blocks from block `start`, at least `KeyGenerationPeriod`
		/// blocks from now. Each accepted contribution pays `reward` to the device's owner from
		/// `budget`, which is held with the storage deposit. `committee` (distinct accounts)
		/// makes the joint key; `threshold` of them decrypt each window's sum.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_campaign(committee.len() as u32))]
		pub fn create_campaign(
			origin: OriginFor<T>,
			metric: Metric,
			max_value: u64,
			start: BlockNumberFor<T>,
			window_length: BlockNumberFor<T>,
			windows: u32,
			reward: BalanceOf<T>,
			budget: BalanceOf<T>,
			committee: BoundedVec<T::AccountId, MaxCommittee>,
			threshold: u32,
		) -> DispatchResult {
			let creator = ensure_signed(origin)?;
			Self::do_create_campaign(
				creator,
				metric,
				max_value,
				start,
				window_length,
				windows,
				reward,
				budget,
				committee,
				threshold,
			)
		}

		/// Join a campaign as a device owner: the caller's active devices may contribute.
		/// Holds `ParticipantDeposit` until the caller leaves.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::join())]
		pub fn join(origin: OriginFor<T>, campaign: CampaignId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_join(owner, campaign)
		}

		/// Leave a campaign: the caller's devices stop contributing and its deposit is
		/// released. Also after the campaign is over or reaped.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::leave())]
		pub fn leave(origin: OriginFor<T>, campaign: CampaignId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_leave(owner, campaign)
		}

		/// Key generation, step 1, by a committee member: commit to its key share (the
		/// SHA-256 of its polynomial's first coefficient and a random opening, as
		/// elastic-elgamal's `dkg` makes it) and give the Ristretto key the others seal its
		/// shares for. Bonds `MemberBond`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::commit_key())]
		pub fn commit_key(
			origin: OriginFor<T>,
			campaign: CampaignId,
			commitment: [u8; 32],
			transport_key: ElementBytes,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit_key(who, campaign, commitment, transport_key)
		}

		/// Key generation, step 2, once every member committed: publish the public
		/// polynomial (`threshold` coefficients), the proof of possession of its secret
		/// polynomial, the opening of the commitment, and the secret shares for every member,
		/// each sealed for its recipient's transport key (one per member, in committee order).
		/// The last member's call derives every member's share key.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::publish_key(sealed.len() as u32))]
		pub fn publish_key(
			origin: OriginFor<T>,
			campaign: CampaignId,
			polynomial: Polynomial,
			opening: [u8; 32],
			proof: PossessionProofBytes,
			sealed: SealedShares,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_key(who, campaign, polynomial, opening, proof, sealed)
		}

		/// Key generation, step 3, once every polynomial is in: prove possession of the
		/// member's share key (elastic-elgamal's `ActiveParticipant::proof_of_possession`).
		/// The last member's call activates the campaign.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::confirm_key())]
		pub fn confirm_key(
			origin: OriginFor<T>,
			campaign: CampaignId,
			proof: PossessionProofBytes,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm_key(who, campaign, proof)
		}

		/// Key generation, step 3, instead of confirming: prove that the share member `dealer`
		/// sealed for the caller does not match the dealer's public polynomial, by revealing
		/// their Diffie-Hellman point `dh` with a proof that it is theirs
		/// (`client::KeyMember::complaint`). The chain opens that one share: if it is wrong, the
		/// dealer loses `DealerFaultSlash` of its bond and the campaign is cancelled (budget and
		/// other bonds released); a right share is refused (`ComplaintUnfounded`).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::complain())]
		pub fn complain(
			origin: OriginFor<T>,
			campaign: CampaignId,
			dealer: MemberIndex,
			dh: ElementBytes,
			proof: ComplaintProofBytes,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_complain(who, campaign, dealer, dh, proof)
		}

		/// Contribute a device's encrypted value to the current window: `ciphertext` encrypts
		/// it for the campaign's key, and `proof` proves it is in `0..=max_value` (made in
		/// `contribution_transcript(campaign, window, device)`); its cost grows with the bits of
		/// `max_value`, and what a smaller range saves is refunded. Signed by the device over
		/// `contribution_payload`, or, without `signature`, submitted by the device's owner
		/// or one of its gateways. Pays the reward to the device's owner.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::contribute(
			cpchain_primitives::aggregates::MAX_VALUE_BITS + 1
		))]
		pub fn contribute(
			origin: OriginFor<T>,
			campaign: CampaignId,
			window: WindowIndex,
			device: DeviceId,
			ciphertext: CiphertextBytes,
			proof: RangeProofBytes,
			signature: Option<DeviceSignature>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_contribute(who, campaign, window, device, ciphertext, proof, signature)
		}

		/// Publish the caller's decryption share of a window's sum (`x_i·R`) and its proof of
		/// equal discrete logarithms (challenge and response), after the window ended and
		/// within `DecryptionPeriod`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::submit_share())]
		pub fn submit_share(
			origin: OriginFor<T>,
			campaign: CampaignId,
			window: WindowIndex,
			share: ElementBytes,
			proof: ShareProofBytes,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_share(who, campaign, window, share, proof)
		}

		/// Submit a window's decrypted total, once `threshold` shares are in: accepted only if
		/// the combined shares decrypt the window's sum to `total`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::submit_total(<MaxCommittee as Get<u32>>::get()))]
		pub fn submit_total(
			origin: OriginFor<T>,
			campaign: CampaignId,
			window: WindowIndex,
			total: u64,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_submit_total(campaign, window, total)
		}

		/// Close a window after its decryption period: members without a share are struck
		/// and slashed. Closing the last window finishes the campaign. Anyone may call it.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::close_window(<MaxCommittee as Get<u32>>::get()))]
		pub fn close_window(
			origin: OriginFor<T>,
			campaign: CampaignId,
			window: WindowIndex,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_close_window(campaign, window)
		}

		/// Cancel a campaign whose key generation did not finish by its first window: members
		/// who missed their step are struck and slashed, the budget and bonds are released.
		/// Anyone may call it.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::cancel(<MaxCommittee as Get<u32>>::get()))]
		pub fn cancel(origin: OriginFor<T>, campaign: CampaignId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_cancel(campaign)
		}

		/// Remove up to `limit` records of an ended campaign (device records, then windows);
		/// when none is left, the campaign itself, releasing its creator's deposit. Results
		/// stay in the `WindowDecrypted` events. Anyone may call it.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::reap(*limit))]
		pub fn reap(
			origin: OriginFor<T>,
			campaign: CampaignId,
			limit: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_reap(campaign, limit)
		}
	}
}
