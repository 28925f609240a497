//! Benchmarks of the aggregates. Committees are as large as `MaxCommittee`; the key-generation
//! steps are measured for the member whose call completes the step (it derives the share keys,
//! or clears the published shares). Campaigns past the key generation are written straight into
//! storage with keys dealt by one dealer (the cryptography checked is the same). Device keys
//! are sr25519 in the benchmark keystore, and contributions carry their device's signature.

use crate::*;
use alloc::{format, vec, vec::Vec};
use cpchain_primitives::{
	aggregates::{
		client::{
			dealt_committee, decryption_share, encrypt_contribution, possession_proof, KeyMember,
		},
		contribution_payload,
		elastic_elgamal::Keypair,
		params, prepared_range, public_key, verify_contribution, CiphertextBytes, MAX_COMMITTEE,
		MAX_VALUE, MAX_VALUE_BITS,
	},
	device::{DeviceKey, DeviceSignature},
};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Mutate, MutateHold},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_core::{crypto::KeyTypeId, sr25519};
use sp_runtime::traits::{Bounded, Saturating};

const KEY_TYPE: KeyTypeId = KeyTypeId(*b"cpag");

fn rng() -> ChaCha20Rng {
	ChaCha20Rng::seed_from_u64(7)
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	// Enough for every account a benchmark funds (about 20) without overflowing the issuance.
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1024u32.into());
	who
}

fn committee<T: Config>(n: u32) -> BoundedVec<T::AccountId, MaxCommittee> {
	BoundedVec::truncate_from((0..n).map(|i| funded::<T>("member", i)).collect())
}

fn metric() -> Metric {
	BoundedVec::truncate_from(vec![b'm'; 64])
}

/// A campaign created by its call with a committee of `n` (threshold `threshold`), `windows`
/// windows, values up to `max_value`.
fn create<T: Config>(n: u32, threshold: u32, windows: u32, max_value: u64) -> CampaignId {
	let creator = funded::<T>("creator", 0);
	let start = frame_system::Pallet::<T>::block_number()
		.saturating_add(T::KeyGenerationPeriod::get())
		.saturating_add(1u32.into());
	let reward: BalanceOf<T> = 1_000u32.into();
	Pallet::<T>::do_create_campaign(
		creator,
		metric(),
		max_value,
		start,
		T::MinWindowLength::get(),
		windows,
		reward,
		reward.saturating_add(T::ContributionDeposit::get()).saturating_mul(1_000u32.into()),
		committee::<T>(n),
		threshold,
	)
	.expect("valid terms");
	NextCampaignId::<T>::get() - 1
}

/// Moves campaign `id` into the first block of its first window.
fn to_start<T: Config>(id: CampaignId) {
	frame_system::Pallet::<T>::set_block_number(Campaigns::<T>::get(id).unwrap().start);
}

/// An active committee member.
type Active = cpchain_primitives::aggregates::elastic_elgamal::sharing::ActiveParticipant<
	cpchain_primitives::aggregates::elastic_elgamal::group::Ristretto,
>;

/// Makes campaign `id` active with keys dealt by one dealer: the members, in committee order.
fn activate<T: Config>(id: CampaignId) -> Vec<Active> {
	let mut record = Campaigns::<T>::get(id).unwrap();
	let params = params(record.members.len() as u32, record.threshold).unwrap();
	let (shared, keys, members) = dealt_committee(params, &mut rng());
	for (member, key) in record.members.iter_mut().zip(keys) {
		let bond = T::MemberBond::get();
		T::Currency::hold(&HoldReason::MemberBond.into(), &member.account, bond).unwrap();
		member.bond = bond;
		member.commitment = Some([0; 32]);
		member.published = true;
		member.share_key = Some(key);
		member.confirmed = true;
	}
	record.key = Some(shared);
	record.phase = Phase::Active;
	Campaigns::<T>::insert(id, record);
	members
}

/// A device of a joined owner, with its sr25519 key in the benchmark keystore.
fn device<T: Config>(
	id: CampaignId,
	index: u32,
) -> (T::AccountId, DeviceKey, cpchain_primitives::device::DeviceId) {
	let owner = funded::<T>("owner", index);
	Pallet::<T>::do_join(owner.clone(), id).unwrap();
	let seed = format!("0x{index:064x}").into_bytes();
	let key = DeviceKey::Sr25519(sp_io::crypto::sr25519_generate(KEY_TYPE, Some(seed)).0);
	let device = T::BenchmarkHelper::device(&owner, key.clone());
	(owner, key, device)
}

fn sign(key: &DeviceKey, message: &[u8]) -> DeviceSignature {
	let DeviceKey::Sr25519(public) = key else { unreachable!("benchmark keys are sr25519") };
	let signature =
		sp_io::crypto::sr25519_sign(KEY_TYPE, &sr25519::Public::from_raw(*public), message)
			.expect("the key was generated in the keystore");
	DeviceSignature(signature.0)
}

/// A window whose sum holds a contribution of `value`, counted as the fewest that are
/// decrypted.
fn contributed<T: Config>(id: CampaignId, window: WindowIndex, value: u64) -> CiphertextBytes {
	let record = Campaigns::<T>::get(id).unwrap();
	let key = public_key(&record.key.unwrap()).unwrap();
	let device = sp_core::H256::repeat_byte(1);
	let (ciphertext, _) =
		encrypt_contribution(&key, record.max_value, id, window, &device, value, &mut rng());
	let mut state = Window::empty();
	state.sum = ciphertext;
	state.count = T::MinContributions::get().max(1);
	Windows::<T>::insert(id, window, state);
	ciphertext
}

/// Moves to the first block after `window`.
fn after<T: Config>(id: CampaignId, window: WindowIndex) {
	let record = Campaigns::<T>::get(id).unwrap();
	frame_system::Pallet::<T>::set_block_number(Pallet::<T>::window_end(&record, window));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_campaign(n: Linear<1, MAX_COMMITTEE>) {
		let creator = funded::<T>("creator", 0);
		let committee = committee::<T>(n);
		// One block of margin: the benchmark moves to block 1 if it set up at genesis.
		let start = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::KeyGenerationPeriod::get())
			.saturating_add(1u32.into());
		let windows = T::MaxWindows::get();
		let reward: BalanceOf<T> = 1_000u32.into();
		let budget =
			reward.saturating_add(T::ContributionDeposit::get()).saturating_mul(1_000u32.into());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(creator),
			metric(),
			MAX_VALUE,
			start,
			T::MinWindowLength::get(),
			windows,
			reward,
			budget,
			committee,
			n,
		);

		assert!(Campaigns::<T>::contains_key(0));
	}

	#[benchmark]
	fn join() {
		let id = create::<T>(MAX_COMMITTEE, MAX_COMMITTEE, 1, MAX_VALUE);
		let owner = funded::<T>("owner", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), id);

		assert!(Participants::<T>::contains_key(id, owner));
	}

	#[benchmark]
	fn leave() {
		let id = create::<T>(MAX_COMMITTEE, MAX_COMMITTEE, 1, MAX_VALUE);
		let owner = funded::<T>("owner", 0);
		Pallet::<T>::do_join(owner.clone(), id).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), id);

		assert!(!Participants::<T>::contains_key(id, owner));
	}

	/// The last member of the largest committee commits: the campaign moves on.
	#[benchmark]
	fn commit_key() {
		let id = create::<T>(MAX_COMMITTEE, MAX_COMMITTEE, 1, MAX_VALUE);
		let params = params(MAX_COMMITTEE, MAX_COMMITTEE).unwrap();
		let mut rng = rng();
		let members: Vec<_> =
			(0..MAX_COMMITTEE).map(|i| KeyMember::new(params, i, &mut rng)).collect();
		let accounts: Vec<_> =
			Campaigns::<T>::get(id).unwrap().members.iter().map(|m| m.account.clone()).collect();
		for (member, account) in members.iter().zip(&accounts).take(MAX_COMMITTEE as usize - 1) {
			Pallet::<T>::do_commit_key(
				account.clone(),
				id,
				member.commitment(),
				member.transport_key(),
			)
			.unwrap();
		}
		let last = members.last().unwrap();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(accounts.last().unwrap().clone()),
			id,
			last.commitment(),
			last.transport_key(),
		);

		assert_eq!(Campaigns::<T>::get(id).unwrap().phase, Phase::Polynomials);
	}

	/// The last of `n` members publishes a polynomial of `n` coefficients: verified, added, and
	/// every share key derived.
	#[benchmark]
	fn publish_key(n: Linear<2, MAX_COMMITTEE>) {
		let id = create::<T>(n, n, 1, MAX_VALUE);
		let params = params(n, n).unwrap();
		let mut rng = rng();
		let members: Vec<_> = (0..n).map(|i| KeyMember::new(params, i, &mut rng)).collect();
		let accounts: Vec<_> =
			Campaigns::<T>::get(id).unwrap().members.iter().map(|m| m.account.clone()).collect();
		for (member, account) in members.iter().zip(&accounts) {
			Pallet::<T>::do_commit_key(
				account.clone(),
				id,
				member.commitment(),
				member.transport_key(),
			)
			.unwrap();
		}
		let transport: Vec<_> = members.iter().map(|m| m.transport_key()).collect();
		let publications: Vec<_> =
			members.iter().map(|m| m.publication(id, &transport).unwrap()).collect();
		let bounded = |p: &cpchain_primitives::aggregates::client::Publication| {
			(
				BoundedVec::truncate_from(p.polynomial.clone()),
				p.opening,
				BoundedVec::truncate_from(p.proof.clone()),
				BoundedVec::truncate_from(p.sealed.clone()),
			)
		};
		for (p, account) in publications.iter().zip(&accounts).take(n as usize - 1) {
			let (polynomial, opening, proof, sealed) = bounded(p);
			Pallet::<T>::do_publish_key(account.clone(), id, polynomial, opening, proof, sealed)
				.unwrap();
		}
		let (polynomial, opening, proof, sealed) = bounded(publications.last().unwrap());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(accounts.last().unwrap().clone()),
			id,
			polynomial,
			opening,
			proof,
			sealed,
		);

		assert_eq!(Campaigns::<T>::get(id).unwrap().phase, Phase::Confirmations);
	}

	/// The last member of the largest committee confirms: the campaign is active and the
	/// published shares are cleared.
	#[benchmark]
	fn confirm_key() {
		let id = create::<T>(MAX_COMMITTEE, MAX_COMMITTEE, 1, MAX_VALUE);
		let members = activate::<T>(id);
		let mut record = Campaigns::<T>::get(id).unwrap();
		record.phase = Phase::Confirmations;
		record.members.last_mut().unwrap().confirmed = false;
		let last = record.members.last().unwrap().account.clone();
		Campaigns::<T>::insert(id, record);
		for i in 0..MAX_COMMITTEE {
			let full = BoundedVec::truncate_from(vec![[1u8; 32]; MAX_COMMITTEE as usize]);
			Published::<T>::insert(id, i, (full.clone(), full));
		}
		let proof =
			BoundedVec::truncate_from(possession_proof(members.last().unwrap(), &mut rng()));

		#[extrinsic_call]
		_(RawOrigin::Signed(last), id, proof);

		assert_eq!(Campaigns::<T>::get(id).unwrap().phase, Phase::Active);
	}

	/// A member of the largest committee (threshold as large) complains, rightly, about the
	/// share the first member sealed for it: the dealer is slashed, every bond and the budget
	/// released, every published share removed.
	#[benchmark]
	fn complain() {
		let id = create::<T>(MAX_COMMITTEE, MAX_COMMITTEE, 1, MAX_VALUE);
		activate::<T>(id);
		let params = params(MAX_COMMITTEE, MAX_COMMITTEE).unwrap();
		let mut rng = rng();
		let (dealer, accuser) =
			(KeyMember::new(params, 0, &mut rng), KeyMember::new(params, 1, &mut rng));
		let transport: Vec<_> = (0..MAX_COMMITTEE)
			.map(|i| if i == 1 { accuser.transport_key() } else { dealer.transport_key() })
			.collect();
		let mut record = Campaigns::<T>::get(id).unwrap();
		record.phase = Phase::Confirmations;
		for (member, key) in record.members.iter_mut().zip(&transport) {
			member.transport_key = Some(*key);
			member.confirmed = false;
		}
		let caller = record.members[1].account.clone();
		Campaigns::<T>::insert(id, record);
		let mut dealt = dealer.publication(id, &transport).unwrap();
		dealt.sealed[1][5] ^= 1;
		Published::<T>::insert(
			id,
			0,
			(BoundedVec::truncate_from(dealt.polynomial), BoundedVec::truncate_from(dealt.sealed)),
		);
		for i in 1..MAX_COMMITTEE {
			let full = BoundedVec::truncate_from(vec![[1u8; 32]; MAX_COMMITTEE as usize]);
			Published::<T>::insert(id, i, (full.clone(), full));
		}
		let (dh, proof) = accuser.complaint(id, 0, &transport[0], &mut rng).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, 0, dh, proof);

		assert_eq!(Campaigns::<T>::get(id).unwrap().phase, Phase::Cancelled);
		assert_eq!(Published::<T>::iter_prefix(id).count(), 0);
	}

	/// A device's first contribution (a device record and its deposit), signed by the device,
	/// to a campaign of values up to `2^b - 1`.
	#[benchmark]
	fn contribute(b: Linear<1, MAX_VALUE_BITS>) {
		let max_value = ((1u64 << b) - 1).clamp(1, MAX_VALUE);
		let id = create::<T>(MAX_COMMITTEE, MAX_COMMITTEE, 1, max_value);
		activate::<T>(id);
		to_start::<T>(id);
		let (_, key, device) = device::<T>(id, 0);
		let shared = public_key(&Campaigns::<T>::get(id).unwrap().key.unwrap()).unwrap();
		let (ciphertext, proof) =
			encrypt_contribution(&shared, max_value, id, 0, &device, max_value, &mut rng());
		let genesis = cpchain_pallet_support::genesis_hash::<T>();
		let signature = sign(&key, &contribution_payload(&genesis, id, 0, &device, &ciphertext));
		let caller = funded::<T>("gateway", 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			id,
			0,
			device,
			ciphertext,
			BoundedVec::truncate_from(proof),
			Some(signature),
		);

		assert_eq!(Windows::<T>::get(id, 0).unwrap().count, 1);
	}

	/// Not a call (`--extra`): what `contribute` verifies of a value up to `2^b - 1`, the
	/// range's preparation and the range proof, alone, to set beside the same verification run
	/// natively (`primitives/examples/verify_contribution.rs`, which `scripts/benchmark.sh`
	/// runs after this pallet's benchmarks).
	#[benchmark(extra)]
	fn verify_range_proof(b: Linear<1, MAX_VALUE_BITS>) {
		let max_value = ((1u64 << b) - 1).clamp(1, MAX_VALUE);
		let key = Keypair::generate(&mut rng()).public().clone();
		let device = sp_core::H256::repeat_byte(1);
		let (ciphertext, proof) =
			encrypt_contribution(&key, max_value, 0, 0, &device, max_value, &mut rng());
		let verified;

		#[block]
		{
			let range = prepared_range(max_value);
			verified = verify_contribution(&key, &range, 0, 0, &device, &ciphertext, &proof);
		}

		assert!(verified.is_ok());
	}

	/// The last member of the largest committee shares a window's sum.
	#[benchmark]
	fn submit_share() {
		let id = create::<T>(MAX_COMMITTEE, MAX_COMMITTEE, 1, MAX_VALUE);
		let members = activate::<T>(id);
		let sum = contributed::<T>(id, 0, MAX_VALUE);
		let mut rng = rng();
		let mut state = Windows::<T>::get(id, 0).unwrap();
		for (i, member) in members.iter().enumerate().take(MAX_COMMITTEE as usize - 1) {
			let (share, _) = decryption_share(member, &sum, &mut rng).unwrap();
			state.shares.try_push((i as u32, share)).unwrap();
		}
		Windows::<T>::insert(id, 0, state);
		after::<T>(id, 0);
		let (share, proof) = decryption_share(members.last().unwrap(), &sum, &mut rng).unwrap();
		let last = Campaigns::<T>::get(id).unwrap().members.last().unwrap().account.clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(last), id, 0, share, proof);

		assert_eq!(Windows::<T>::get(id, 0).unwrap().shares.len(), MAX_COMMITTEE as usize);
	}

	/// A total checked against `t` shares combined (threshold `t` of the largest committee).
	#[benchmark]
	fn submit_total(t: Linear<1, MAX_COMMITTEE>) {
		let id = create::<T>(MAX_COMMITTEE, t, 1, MAX_VALUE);
		let members = activate::<T>(id);
		let sum = contributed::<T>(id, 0, MAX_VALUE);
		let mut rng = rng();
		let mut state = Windows::<T>::get(id, 0).unwrap();
		for (i, member) in members.iter().enumerate() {
			let (share, _) = decryption_share(member, &sum, &mut rng).unwrap();
			state.shares.try_push((i as u32, share)).unwrap();
		}
		Windows::<T>::insert(id, 0, state);
		after::<T>(id, 0);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, 0, MAX_VALUE);

		assert_eq!(Windows::<T>::get(id, 0).unwrap().total, Some(MAX_VALUE));
	}

	/// The campaign's last window closes with `n` of the largest committee struck: the
	/// campaign finishes, its budget and every bond are released.
	#[benchmark]
	fn close_window(n: Linear<0, MAX_COMMITTEE>) {
		let id = create::<T>(MAX_COMMITTEE, 1, 1, MAX_VALUE);
		let members = activate::<T>(id);
		let sum = contributed::<T>(id, 0, MAX_VALUE);
		let mut rng = rng();
		let mut state = Windows::<T>::get(id, 0).unwrap();
		for (i, member) in members.iter().enumerate().skip(n as usize) {
			let (share, _) = decryption_share(member, &sum, &mut rng).unwrap();
			state.shares.try_push((i as u32, share)).unwrap();
		}
		Windows::<T>::insert(id, 0, state);
		after::<T>(id, 0);
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(T::DecryptionPeriod::get()));
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, 0);

		assert_eq!(Campaigns::<T>::get(id).unwrap().phase, Phase::Finished);
	}

	/// A campaign of the largest committee is cancelled in its second step with `n` members
	/// who did not publish: struck and slashed; every bond and the budget released.
	#[benchmark]
	fn cancel(n: Linear<0, MAX_COMMITTEE>) {
		let id = create::<T>(MAX_COMMITTEE, MAX_COMMITTEE, 1, MAX_VALUE);
		activate::<T>(id);
		let mut record = Campaigns::<T>::get(id).unwrap();
		record.phase = Phase::Polynomials;
		record.key = None;
		for member in record.members.iter_mut().take(n as usize) {
			member.published = false;
		}
		Campaigns::<T>::insert(id, record);
		to_start::<T>(id);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert_eq!(Campaigns::<T>::get(id).unwrap().phase, Phase::Cancelled);
	}

	/// `n` device records of a finished campaign are reaped, with its window and the campaign.
	#[benchmark]
	fn reap(n: Linear<0, 1_000>) {
		let id = create::<T>(MAX_COMMITTEE, 1, 1, MAX_VALUE);
		let mut record = Campaigns::<T>::get(id).unwrap();
		record.phase = Phase::Finished;
		let deposit = T::ContributionDeposit::get().saturating_mul(n.into());
		record.deposit.saturating_accrue(deposit);
		record.budget.saturating_reduce(deposit);
		T::Currency::release(
			&HoldReason::Campaign.into(),
			&record.creator,
			record.budget,
			frame_support::traits::tokens::Precision::Exact,
		)
		.unwrap();
		record.budget = 0u32.into();
		Campaigns::<T>::insert(id, record);
		for i in 0..n {
			let mut device = [0u8; 32];
			device[..4].copy_from_slice(&i.to_le_bytes());
			Contributed::<T>::insert(id, sp_core::H256(device), 0);
		}
		let mut closed = Window::empty();
		closed.closed = true;
		Windows::<T>::insert(id, 0, closed);
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, n + 1);

		assert!(!Campaigns::<T>::contains_key(id));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
