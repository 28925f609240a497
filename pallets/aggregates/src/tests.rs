use crate::{mock::*, *};
use cpchain_primitives::{
	aggregates::{
		client::{decryption_share, encrypt_contribution, possession_proof, KeyMember},
		contribution_payload, elastic_elgamal, params, public_key, CiphertextBytes, ElementBytes,
		MAX_VALUE,
	},
	device::{
		registration_payload,
		signer::{DevicePair, Scheme},
		DeviceId, DeviceSignature,
	},
};
use elastic_elgamal::{group::Ristretto, sharing::ActiveParticipant};
use frame_support::dispatch::DispatchResultWithPostInfo;
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_core::H256;
use sp_runtime::DispatchResult;

const START: u64 = 1 + KEY_PERIOD;
const LENGTH: u64 = 5;
const WINDOWS: u32 = 3;
const MAX: u64 = 100;
const REWARD: u64 = 10;
const BUDGET: u64 = 1_000;

fn metric() -> Metric {
	b"speed-kmh".to_vec().try_into().unwrap()
}

fn committee(n: usize) -> BoundedVec<u64, MaxCommittee> {
	M[..n].to_vec().try_into().unwrap()
}

fn create_with(n: usize, threshold: u32, budget: u64) -> CampaignId {
	assert_ok!(Aggregates::create_campaign(
		RuntimeOrigin::signed(CREATOR),
		metric(),
		MAX,
		START,
		LENGTH,
		WINDOWS,
		REWARD,
		budget,
		committee(n),
		threshold
	));
	NextCampaignId::<Test>::get() - 1
}

fn create(n: usize, threshold: u32) -> CampaignId {
	create_with(n, threshold, BUDGET)
}

fn campaign(id: CampaignId) -> CampaignOf<Test> {
	Campaigns::<Test>::get(id).unwrap()
}

fn held(reason: HoldReason, who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Aggregates(reason), &who)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Aggregates(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// A committee's members through the key generation, off chain.
struct Members {
	keys: Vec<KeyMember>,
	rng: ChaCha20Rng,
}

impl Members {
	fn new(id: CampaignId, seed: u64) -> Self {
		let record = campaign(id);
		let params = params(record.members.len() as u32, record.threshold).unwrap();
		let mut rng = ChaCha20Rng::seed_from_u64(seed);
		let keys =
			(0..record.members.len() as u32).map(|i| KeyMember::new(params, i, &mut rng)).collect();
		Members { keys, rng }
	}

	fn commit(&self, id: CampaignId, i: usize) -> DispatchResult {
		let key = &self.keys[i];
		Aggregates::commit_key(
			RuntimeOrigin::signed(M[i]),
			id,
			key.commitment(),
			key.transport_key(),
		)
	}

	fn transport_keys(id: CampaignId) -> Vec<ElementBytes> {
		campaign(id).members.iter().map(|m| m.transport_key.unwrap()).collect()
	}

	fn publish(&self, id: CampaignId, i: usize) -> DispatchResult {
		let p = self.keys[i].publication(id, &Self::transport_keys(id)).unwrap();
		Aggregates::publish_key(
			RuntimeOrigin::signed(M[i]),
			id,
			p.polynomial.try_into().unwrap(),
			p.opening,
			p.proof.try_into().unwrap(),
			p.sealed.try_into().unwrap(),
		)
	}

	fn activate(&self, id: CampaignId, i: usize) -> ActiveParticipant<Ristretto> {
		let record = campaign(id);
		let params = params(record.members.len() as u32, record.threshold).unwrap();
		let published: Vec<_> = (0..record.members.len() as u32)
			.map(|j| {
				let (polynomial, sealed) = Published::<Test>::get(id, j).unwrap();
				(polynomial.into_inner(), sealed.into_inner())
			})
			.collect();
		let share_keys: Vec<_> = record.members.iter().map(|m| m.share_key.unwrap()).collect();
		self.keys[i]
			.activate(params, id, &Self::transport_keys(id), &published, &share_keys)
			.unwrap()
	}

	fn confirm(
		&mut self,
		id: CampaignId,
		i: usize,
		member: &ActiveParticipant<Ristretto>,
	) -> DispatchResult {
		let proof = possession_proof(member, &mut self.rng);
		Aggregates::confirm_key(RuntimeOrigin::signed(M[i]), id, proof.try_into().unwrap())
	}

	/// Every step for every member: the campaign is active after.
	fn make_key(id: CampaignId, seed: u64) -> (Self, Vec<ActiveParticipant<Ristretto>>) {
		let mut members = Members::new(id, seed);
		let n = members.keys.len();
		for i in 0..n {
			assert_ok!(members.commit(id, i));
		}
		for i in 0..n {
			assert_ok!(members.publish(id, i));
		}
		let active: Vec<_> = (0..n).map(|i| members.activate(id, i)).collect();
		for (i, member) in active.iter().enumerate() {
			assert_ok!(members.confirm(id, i, member));
		}
		assert_eq!(campaign(id).phase, Phase::Active);
		(members, active)
	}

	fn share(
		&mut self,
		id: CampaignId,
		window: WindowIndex,
		i: usize,
		member: &ActiveParticipant<Ristretto>,
	) -> DispatchResult {
		let sum = Windows::<Test>::get(id, window).unwrap().sum;
		let (share, proof) = decryption_share(member, &sum, &mut self.rng).unwrap();
		Aggregates::submit_share(RuntimeOrigin::signed(M[i]), id, window, share, proof)
	}
}

fn sensor(name: &str) -> DevicePair {
	DevicePair::from_string(Scheme::Sr25519, &format!("//{name}")).unwrap()
}

/// Registers `pair` in the real device registry under `owner`.
fn register(owner: u64, pair: &DevicePair) -> DeviceId {
	let key = pair.public();
	let nonce = pallet_device_registry::Keys::<Test>::get(key).nonce;
	let genesis = cpchain_pallet_support::genesis_hash::<Test>();
	let metadata = pallet_device_registry::DeviceMetadataOf::<Test> {
		kind: b"obd2-dongle/v3".to_vec().try_into().unwrap(),
		firmware_hash: H256::repeat_byte(7),
		attributes: Default::default(),
	};
	assert_ok!(DeviceRegistry::register_device(
		RuntimeOrigin::signed(owner),
		key,
		metadata,
		pair.sign(&registration_payload(&genesis, &owner, &key, nonce))
	));
	cpchain_primitives::device::device_id(&genesis, &key, nonce)
}

/// A device's encrypted `value` for `window`, with its range proof and signature.
struct Contribution {
	device: DeviceId,
	ciphertext: CiphertextBytes,
	proof: RangeProofBytes,
	signature: Option<DeviceSignature>,
}

fn contribution(
	id: CampaignId,
	window: WindowIndex,
	pair: &DevicePair,
	device: DeviceId,
	value: u64,
	seed: u64,
) -> Contribution {
	let key = public_key(&campaign(id).key.unwrap()).unwrap();
	let mut rng = ChaCha20Rng::seed_from_u64(seed);
	let (ciphertext, proof) = encrypt_contribution(&key, MAX, id, window, &device, value, &mut rng);
	let payload = contribution_payload(
		&cpchain_pallet_support::genesis_hash::<Test>(),
		id,
		window,
		&device,
		&ciphertext,
	);
	Contribution {
		device,
		ciphertext,
		proof: proof.try_into().unwrap(),
		signature: Some(pair.sign(&payload)),
	}
}

fn submit(
	who: u64,
	id: CampaignId,
	window: WindowIndex,
	c: Contribution,
) -> DispatchResultWithPostInfo {
	Aggregates::contribute(
		RuntimeOrigin::signed(who),
		id,
		window,
		c.device,
		c.ciphertext,
		c.proof,
		c.signature,
	)
}

/// An active campaign of 3 members (2 to decrypt) that Alice joined, with Alice's sensor.
fn active() -> (CampaignId, Members, Vec<ActiveParticipant<Ristretto>>, DevicePair, DeviceId) {
	let id = create(3, 2);
	let (members, active) = Members::make_key(id, id + 100);
	assert_ok!(Aggregates::join(RuntimeOrigin::signed(ALICE), id));
	let pair = sensor("Alice1");
	let device = register(ALICE, &pair);
	(id, members, active, pair, device)
}

fn window_start(window: WindowIndex) -> u64 {
	START + LENGTH * window as u64
}

fn window_end(window: WindowIndex) -> u64 {
	window_start(window + 1)
}

#[test]
fn a_campaign_runs_from_key_generation_to_decrypted_totals() {
	new_test_ext().execute_with(|| {
		let creator_free = Balances::balance(&CREATOR);
		let id = create(3, 2);
		let deposit = CAMPAIGN_DEPOSIT + WINDOW_DEPOSIT * WINDOWS as u64;
		assert_eq!(held(HoldReason::Campaign, CREATOR), BUDGET + deposit);
		assert_eq!(Balances::balance(&CREATOR), creator_free - BUDGET - deposit);

		let (mut members, active) = Members::make_key(id, 1);
		let record = campaign(id);
		assert!(record.members.iter().all(|m| m.bond == BOND && m.confirmed));
		assert_eq!(held(HoldReason::MemberBond, M[0]), BOND);
		assert_eq!(Published::<Test>::iter_prefix(id).count(), 0, "cleared at activation");
		let key = record.key.unwrap();
		assert!(events().contains(&Event::CampaignActivated { campaign: id, key }));
		// Every member holds the secret of the share key the chain derived.
		for (i, member) in active.iter().enumerate() {
			assert_eq!(
				member.public_key_share().as_bytes(),
				&record.members[i].share_key.unwrap()[..]
			);
			assert_eq!(member.key_set().shared_key().as_bytes(), &key[..]);
		}

		assert_ok!(Aggregates::join(RuntimeOrigin::signed(ALICE), id));
		assert_ok!(Aggregates::join(RuntimeOrigin::signed(BOB), id));
		assert_eq!(held(HoldReason::Participant, ALICE), PARTICIPANT_DEPOSIT);
		let sensors: Vec<_> = [(ALICE, "A1"), (ALICE, "A2"), (BOB, "B1")]
			.into_iter()
			.map(|(owner, name)| {
				let pair = sensor(name);
				let device = register(owner, &pair);
				(owner, pair, device)
			})
			.collect();

		run_to_block(window_start(0));
		assert_eq!(Aggregates::campaign(id).unwrap().open_window, Some(0));
		let values = [42, 17, 100];
		let alice_free = Balances::balance(&ALICE);
		for (i, (owner, pair, device)) in sensors.iter().enumerate() {
			// Bob's sensor is submitted by Bob himself; the others by a third party.
			let who = if *owner == BOB { BOB } else { GATEWAY };
			assert_ok!(submit(who, id, 0, contribution(id, 0, pair, *device, values[i], i as u64)));
		}
		assert_eq!(Balances::balance(&ALICE), alice_free + 2 * REWARD);
		let record = campaign(id);
		assert_eq!(record.budget, BUDGET - 3 * (REWARD + CONTRIBUTION_DEPOSIT));
		assert_eq!(record.deposit, deposit + 3 * CONTRIBUTION_DEPOSIT);
		assert_eq!(held(HoldReason::Campaign, CREATOR), record.budget + record.deposit);
		let state = Windows::<Test>::get(id, 0).unwrap();
		assert_eq!(state.count, 3);

		run_to_block(window_end(0));
		assert_ok!(members.share(id, 0, 0, &active[0]));
		assert_noop!(
			Aggregates::submit_total(RuntimeOrigin::signed(BOB), id, 0, 159),
			Error::<Test>::NotEnoughShares
		);
		assert_ok!(members.share(id, 0, 2, &active[2]));
		assert_noop!(
			Aggregates::submit_total(RuntimeOrigin::signed(BOB), id, 0, 158),
			Error::<Test>::WrongTotal
		);
		assert_ok!(Aggregates::submit_total(RuntimeOrigin::signed(BOB), id, 0, 159));
		assert!(events().contains(&Event::WindowDecrypted {
			campaign: id,
			window: 0,
			total: 159,
			count: 3
		}));
		assert_noop!(
			Aggregates::submit_total(RuntimeOrigin::signed(BOB), id, 0, 159),
			Error::<Test>::AlreadyDecrypted
		);
		assert_eq!(
			Aggregates::results(id),
			vec![runtime_api::WindowResult { window: 0, total: 159, count: 3 }]
		);

		// Member 1 never shared: struck and slashed when the window closes.
		run_to_block(window_end(0) + DECRYPTION);
		let creator_before = Balances::balance(&CREATOR);
		assert_ok!(Aggregates::close_window(RuntimeOrigin::signed(BOB), id, 0));
		let slash = BOND / 10;
		assert!(events().contains(&Event::MemberStruck {
			campaign: id,
			window: Some(0),
			member: 1,
			slashed: slash
		}));
		assert_eq!(campaign(id).members[1].bond, BOND - slash);
		assert_eq!(campaign(id).members[1].strikes, 1);
		assert_eq!(held(HoldReason::MemberBond, M[1]), BOND - slash);
		assert_eq!(Balances::balance(&CREATOR), creator_before + slash / 2);
		assert_eq!(Balances::balance(&TREASURY), 1 + slash / 2);

		// The other windows pass empty; closing the last finishes the campaign.
		run_to_block(window_end(WINDOWS - 1) + DECRYPTION);
		assert_ok!(Aggregates::close_window(RuntimeOrigin::signed(BOB), id, 1));
		assert_ok!(Aggregates::close_window(RuntimeOrigin::signed(BOB), id, 2));
		let record = campaign(id);
		assert_eq!(record.phase, Phase::Finished);
		assert_eq!(held(HoldReason::Campaign, CREATOR), record.deposit);
		assert_eq!(held(HoldReason::MemberBond, M[1]), 0);
		assert!(events().contains(&Event::CampaignFinished {
			campaign: id,
			refund: BUDGET - 3 * (REWARD + CONTRIBUTION_DEPOSIT)
		}));

		// Reaped in two calls: three device records and three windows, then the campaign.
		assert_ok!(Aggregates::reap(RuntimeOrigin::signed(BOB), id, 2));
		assert_eq!(events().last(), Some(&Event::Reaped { campaign: id, removed: 2, done: false }));
		assert_eq!(held(HoldReason::Campaign, CREATOR), campaign(id).deposit);
		assert_ok!(Aggregates::reap(RuntimeOrigin::signed(BOB), id, 10));
		assert_eq!(events().last(), Some(&Event::Reaped { campaign: id, removed: 4, done: true }));
		assert!(!Campaigns::<Test>::contains_key(id));
		assert_eq!(held(HoldReason::Campaign, CREATOR), 0);
		assert_eq!(Balances::balance(&CREATOR), creator_free - 3 * REWARD + slash / 2);
		// Participants take their deposits back after the end.
		assert_ok!(Aggregates::leave(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(held(HoldReason::Participant, ALICE), 0);
	});
}

#[test]
fn a_campaign_is_created_only_on_sound_terms() {
	new_test_ext().execute_with(|| {
		let create = |who: u64, max_value, start, length, windows, budget, committee, threshold| {
			Aggregates::create_campaign(
				RuntimeOrigin::signed(who),
				metric(),
				max_value,
				start,
				length,
				windows,
				REWARD,
				budget,
				committee,
				threshold,
			)
		};
		let c = committee(3);
		assert_noop!(
			create(CREATOR, 0, START, LENGTH, WINDOWS, BUDGET, c.clone(), 2),
			Error::<Test>::InvalidRange
		);
		assert_noop!(
			create(CREATOR, MAX_VALUE + 1, START, LENGTH, WINDOWS, BUDGET, c.clone(), 2),
			Error::<Test>::InvalidRange
		);
		assert_noop!(
			create(CREATOR, MAX, START, MIN_WINDOW - 1, WINDOWS, BUDGET, c.clone(), 2),
			Error::<Test>::WindowTooShort
		);
		assert_noop!(
			create(CREATOR, MAX, START, LENGTH, 0, BUDGET, c.clone(), 2),
			Error::<Test>::InvalidWindowCount
		);
		assert_noop!(
			create(CREATOR, MAX, START, LENGTH, MAX_WINDOWS + 1, BUDGET, c.clone(), 2),
			Error::<Test>::InvalidWindowCount
		);
		assert_noop!(
			create(CREATOR, MAX, START - 1, LENGTH, WINDOWS, BUDGET, c.clone(), 2),
			Error::<Test>::StartTooSoon
		);
		assert_noop!(
			create(CREATOR, MAX, START, LENGTH, WINDOWS, BUDGET, c.clone(), 0),
			Error::<Test>::InvalidThreshold
		);
		assert_noop!(
			create(CREATOR, MAX, START, LENGTH, WINDOWS, BUDGET, c.clone(), 4),
			Error::<Test>::InvalidThreshold
		);
		assert_noop!(
			create(CREATOR, MAX, START, LENGTH, WINDOWS, BUDGET, BoundedVec::new(), 1),
			Error::<Test>::InvalidThreshold
		);
		let twice: BoundedVec<u64, MaxCommittee> = vec![M[0], M[1], M[0]].try_into().unwrap();
		assert_noop!(
			create(CREATOR, MAX, START, LENGTH, WINDOWS, BUDGET, twice, 2),
			Error::<Test>::DuplicateMember
		);
		assert_noop!(
			create(
				CREATOR,
				MAX,
				START,
				LENGTH,
				WINDOWS,
				REWARD + CONTRIBUTION_DEPOSIT - 1,
				c.clone(),
				2
			),
			Error::<Test>::BudgetTooLow
		);
		assert_noop!(
			create(POOR, MAX, START, LENGTH, WINDOWS, BUDGET, c.clone(), 2),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(create(CREATOR, MAX_VALUE, START, MIN_WINDOW, MAX_WINDOWS, BUDGET, c, 3));
	});
}

#[test]
fn owners_join_and_leave_with_a_deposit() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Aggregates::join(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::UnknownCampaign
		);
		let id = create(3, 2);
		assert_noop!(Aggregates::leave(RuntimeOrigin::signed(ALICE), id), Error::<Test>::NotJoined);
		assert_noop!(
			Aggregates::join(RuntimeOrigin::signed(POOR), id),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Aggregates::join(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Aggregates::join(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::AlreadyJoined
		);
		assert_eq!(held(HoldReason::Participant, ALICE), PARTICIPANT_DEPOSIT);
		assert_ok!(Aggregates::leave(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(held(HoldReason::Participant, ALICE), 0);
		assert!(events().contains(&Event::Left { campaign: id, owner: ALICE }));
	});
}

#[test]
fn each_key_generation_step_is_checked() {
	new_test_ext().execute_with(|| {
		let id = create(3, 2);
		let mut members = Members::new(id, 7);
		let origin = |i: usize| RuntimeOrigin::signed(M[i]);
		assert_noop!(
			Aggregates::commit_key(
				RuntimeOrigin::signed(ALICE),
				id,
				[0; 32],
				members.keys[0].transport_key()
			),
			Error::<Test>::NotMember
		);
		assert_noop!(
			Aggregates::commit_key(origin(0), id, [0; 32], [0xff; 32]),
			Error::<Test>::MalformedKey
		);
		assert_noop!(members.publish_early(id), Error::<Test>::WrongPhase);
		assert_ok!(members.commit(id, 0));
		assert_noop!(members.commit(id, 0), Error::<Test>::AlreadyDone);
		assert_ok!(members.commit(id, 1));
		assert_ok!(members.commit(id, 2));
		assert_eq!(campaign(id).phase, Phase::Polynomials);

		// Member 0 publishes member 1's polynomial: it does not open member 0's commitment.
		let transport = Members::transport_keys(id);
		let other = members.keys[1].publication(id, &transport).unwrap();
		let own = members.keys[0].publication(id, &transport).unwrap();
		let publish = |p: &cpchain_primitives::aggregates::client::Publication,
		               polynomial: Vec<ElementBytes>,
		               proof: Vec<u8>,
		               sealed: Vec<[u8; 32]>| {
			Aggregates::publish_key(
				origin(0),
				id,
				polynomial.try_into().unwrap(),
				p.opening,
				proof.try_into().unwrap(),
				sealed.try_into().unwrap(),
			)
		};
		assert_noop!(
			publish(&other, other.polynomial.clone(), other.proof.clone(), other.sealed.clone()),
			Error::<Test>::CommitmentMismatch
		);
		assert_noop!(
			publish(&own, own.polynomial.clone(), own.proof.clone(), own.sealed[..2].to_vec()),
			Error::<Test>::WrongLength
		);
		assert_noop!(
			publish(&own, own.polynomial[..1].to_vec(), own.proof.clone(), own.sealed.clone()),
			Error::<Test>::WrongLength
		);
		assert_noop!(
			publish(&own, own.polynomial.clone(), other.proof.clone(), own.sealed.clone()),
			Error::<Test>::InvalidProof
		);
		assert_noop!(
			publish(&own, own.polynomial.clone(), vec![1, 2, 3], own.sealed.clone()),
			Error::<Test>::MalformedProof
		);
		assert_ok!(members.publish(id, 0));
		assert_noop!(members.publish(id, 0), Error::<Test>::AlreadyDone);
		assert_ok!(members.publish(id, 1));
		assert_ok!(members.publish(id, 2));
		assert_eq!(campaign(id).phase, Phase::Confirmations);

		let active: Vec<_> = (0..3).map(|i| members.activate(id, i)).collect();
		// Member 1's proof does not confirm member 0.
		let proof = possession_proof(&active[1], &mut members.rng);
		assert_noop!(
			Aggregates::confirm_key(origin(0), id, proof.try_into().unwrap()),
			Error::<Test>::InvalidProof
		);
		assert_ok!(members.confirm(id, 0, &active[0]));
		assert_noop!(members.confirm(id, 0, &active[0]), Error::<Test>::AlreadyDone);
		run_to_block(START);
		assert_noop!(members.confirm(id, 1, &active[1]), Error::<Test>::KeyGenerationOver);
	});
}

impl Members {
	/// Member 0's publication before every member committed.
	fn publish_early(&self, id: CampaignId) -> DispatchResult {
		Aggregates::publish_key(
			RuntimeOrigin::signed(M[0]),
			id,
			BoundedVec::new(),
			[0; 32],
			BoundedVec::new(),
			BoundedVec::new(),
		)
	}
}

#[test]
fn a_contribution_is_refused_with_its_reason_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		let (id, _, _, pair, device) = active();
		let c = |window, value, seed| contribution(id, window, &pair, device, value, seed);
		assert_noop!(submit(ALICE, id, 0, c(0, 5, 1)), Error::<Test>::WindowNotOpen);
		run_to_block(window_start(0));
		assert_noop!(submit(ALICE, id, 1, c(1, 5, 1)), Error::<Test>::WindowNotOpen);
		assert_noop!(submit(ALICE, id + 1, 0, c(0, 5, 1)), Error::<Test>::UnknownCampaign);

		// Unknown and suspended devices; an owner who did not join.
		let mut unknown = c(0, 5, 1);
		unknown.device = H256::repeat_byte(9);
		assert_noop!(submit(ALICE, id, 0, unknown), Error::<Test>::DeviceInactive);
		let bobs = sensor("Bob1");
		let bob_device = register(BOB, &bobs);
		assert_noop!(
			submit(BOB, id, 0, contribution(id, 0, &bobs, bob_device, 5, 1)),
			Error::<Test>::NotEligible
		);

		// Signed by another key; no signature from a stranger; the owner's gateway may.
		let mut forged = c(0, 5, 1);
		forged.signature = contribution(id, 0, &bobs, device, 5, 1).signature;
		assert_noop!(submit(ALICE, id, 0, forged), Error::<Test>::BadSignature);
		let mut unsigned = c(0, 5, 1);
		unsigned.signature = None;
		assert_noop!(submit(GATEWAY, id, 0, unsigned), Error::<Test>::NotAuthorized);

		// Proofs for another device, a wider range, bytes that do not decode.
		let mut moved = c(0, 5, 1);
		let other = contribution(id, 0, &pair, bob_device, 5, 1);
		moved.proof = other.proof;
		assert_noop!(submit(ALICE, id, 0, moved), Error::<Test>::InvalidRangeProof);
		let key = public_key(&campaign(id).key.unwrap()).unwrap();
		let (ciphertext, proof) = encrypt_contribution(
			&key,
			1000,
			id,
			0,
			&device,
			500,
			&mut ChaCha20Rng::seed_from_u64(3),
		);
		let payload = contribution_payload(
			&cpchain_pallet_support::genesis_hash::<Test>(),
			id,
			0,
			&device,
			&ciphertext,
		);
		let wide = Contribution {
			device,
			ciphertext,
			proof: proof.try_into().unwrap(),
			signature: Some(pair.sign(&payload)),
		};
		assert_noop!(submit(ALICE, id, 0, wide), Error::<Test>::InvalidRangeProof);
		let mut garbled = c(0, 5, 1);
		garbled.proof = b"{}".to_vec().try_into().unwrap();
		assert_noop!(submit(ALICE, id, 0, garbled), Error::<Test>::MalformedProof);
		let mut bad_point = c(0, 5, 1);
		bad_point.ciphertext = [0xff; 64];
		bad_point.signature = Some(pair.sign(&contribution_payload(
			&cpchain_pallet_support::genesis_hash::<Test>(),
			id,
			0,
			&device,
			&[0xff; 64],
		)));
		assert_noop!(submit(ALICE, id, 0, bad_point), Error::<Test>::MalformedCiphertext);

		let mut unsigned = c(0, 5, 2);
		unsigned.signature = None;
		assert_ok!(DeviceRegistry::authorize_gateway(RuntimeOrigin::signed(ALICE), GATEWAY));
		assert_ok!(submit(GATEWAY, id, 0, unsigned));
		assert_noop!(submit(ALICE, id, 0, c(0, 7, 3)), Error::<Test>::AlreadyContributed);
		run_to_block(window_start(1));
		assert_noop!(submit(ALICE, id, 0, c(0, 7, 3)), Error::<Test>::WindowNotOpen);
		assert_ok!(submit(ALICE, id, 1, c(1, 7, 3)));

		assert_ok!(DeviceRegistry::suspend_device(RuntimeOrigin::signed(ALICE), device));
		run_to_block(window_start(2));
		assert_noop!(submit(ALICE, id, 2, c(2, 7, 4)), Error::<Test>::DeviceInactive);
		run_to_block(window_end(WINDOWS - 1));
		assert_noop!(submit(ALICE, id, 3, c(3, 7, 4)), Error::<Test>::WindowNotOpen);
	});
}

#[test]
fn contributions_stop_when_the_budget_is_spent() {
	new_test_ext().execute_with(|| {
		// Enough for the first contribution (reward and device record) and one more reward.
		let id = create_with(3, 2, 2 * REWARD + CONTRIBUTION_DEPOSIT + 1);
		Members::make_key(id, 4);
		assert_ok!(Aggregates::join(RuntimeOrigin::signed(ALICE), id));
		let (a, b) = (sensor("A1"), sensor("A2"));
		let (da, db) = (register(ALICE, &a), register(ALICE, &b));
		run_to_block(window_start(0));
		assert_ok!(submit(ALICE, id, 0, contribution(id, 0, &a, da, 1, 1)));
		// A second device needs a record: the reward and its deposit are more than is left.
		assert_noop!(
			submit(ALICE, id, 0, contribution(id, 0, &b, db, 1, 2)),
			Error::<Test>::BudgetExhausted
		);
		run_to_block(window_start(1));
		assert_ok!(submit(ALICE, id, 1, contribution(id, 1, &a, da, 1, 3)));
		assert_eq!(campaign(id).budget, 1);
		run_to_block(window_start(2));
		assert_noop!(
			submit(ALICE, id, 2, contribution(id, 2, &a, da, 1, 4)),
			Error::<Test>::BudgetExhausted
		);
	});
}

#[test]
fn contributions_need_an_active_campaign() {
	new_test_ext().execute_with(|| {
		let id = create(3, 2);
		assert_ok!(Aggregates::join(RuntimeOrigin::signed(ALICE), id));
		let pair = sensor("A1");
		let device = register(ALICE, &pair);
		run_to_block(window_start(0));
		let c =
			Contribution { device, ciphertext: [0; 64], proof: BoundedVec::new(), signature: None };
		assert_noop!(submit(ALICE, id, 0, c), Error::<Test>::NotActive);
	});
}

#[test]
fn decryption_shares_are_checked_and_due_in_their_period() {
	new_test_ext().execute_with(|| {
		let (id, mut members, active, pair, device) = active();
		let second = sensor("Alice2");
		let second_device = register(ALICE, &second);
		run_to_block(window_start(0));
		assert_ok!(submit(ALICE, id, 0, contribution(id, 0, &pair, device, 33, 1)));
		assert_ok!(submit(ALICE, id, 0, contribution(id, 0, &second, second_device, 9, 2)));
		assert_noop!(members.share(id, 0, 0, &active[0]), Error::<Test>::NotDecrypting);
		run_to_block(window_end(0));
		// The sum of window 1 has no contributions yet; window 9 does not exist.
		let (share, proof) = ([0; 32], [0; 64]);
		assert_noop!(
			Aggregates::submit_share(RuntimeOrigin::signed(M[0]), id, 9, share, proof),
			Error::<Test>::UnknownWindow
		);
		let sum = Windows::<Test>::get(id, 0).unwrap().sum;
		let (share, proof) = decryption_share(&active[1], &sum, &mut members.rng).unwrap();
		assert_noop!(
			Aggregates::submit_share(RuntimeOrigin::signed(ALICE), id, 0, share, proof),
			Error::<Test>::NotMember
		);
		// Member 1's share sent by member 0; a share of another sum.
		assert_noop!(
			Aggregates::submit_share(RuntimeOrigin::signed(M[0]), id, 0, share, proof),
			Error::<Test>::InvalidShare
		);
		let other = cpchain_primitives::aggregates::add_ciphertexts(&sum, &sum).unwrap();
		let (wrong, wrong_proof) = decryption_share(&active[0], &other, &mut members.rng).unwrap();
		assert_noop!(
			Aggregates::submit_share(RuntimeOrigin::signed(M[0]), id, 0, wrong, wrong_proof),
			Error::<Test>::InvalidShare
		);
		assert_ok!(members.share(id, 0, 1, &active[1]));
		assert_noop!(members.share(id, 0, 1, &active[1]), Error::<Test>::AlreadyDone);
		run_to_block(window_end(0) + DECRYPTION);
		assert_noop!(members.share(id, 0, 0, &active[0]), Error::<Test>::NotDecrypting);
		// Window 1 (open now) gets one contribution: fewer than MIN_CONTRIBUTIONS, its sum
		// stays encrypted.
		assert_ok!(submit(ALICE, id, 1, contribution(id, 1, &pair, device, 33, 3)));
		run_to_block(window_end(1));
		assert_noop!(members.share_empty(id, 1), Error::<Test>::TooFewContributions);
		assert_noop!(members.share_empty(id, 2), Error::<Test>::NotDecrypting);
	});
}

impl Members {
	fn share_empty(&self, id: CampaignId, window: WindowIndex) -> DispatchResult {
		Aggregates::submit_share(RuntimeOrigin::signed(M[0]), id, window, [0; 32], [0; 64])
	}
}

#[test]
fn windows_close_after_their_decryption_period_and_in_any_order() {
	new_test_ext().execute_with(|| {
		let (id, _, _, pair, device) = active();
		let second = sensor("Alice2");
		let second_device = register(ALICE, &second);
		assert_noop!(
			Aggregates::close_window(RuntimeOrigin::signed(BOB), id, 0),
			Error::<Test>::TooEarly
		);
		run_to_block(window_start(0));
		assert_ok!(submit(ALICE, id, 0, contribution(id, 0, &pair, device, 3, 1)));
		assert_ok!(submit(ALICE, id, 0, contribution(id, 0, &second, second_device, 4, 2)));
		run_to_block(window_start(1));
		// One contribution: too few to decrypt, so closing window 1 strikes nobody.
		assert_ok!(submit(ALICE, id, 1, contribution(id, 1, &pair, device, 3, 3)));
		run_to_block(window_end(1) + DECRYPTION);
		assert_noop!(
			Aggregates::close_window(RuntimeOrigin::signed(BOB), id, 3),
			Error::<Test>::UnknownWindow
		);
		assert_ok!(Aggregates::close_window(RuntimeOrigin::signed(BOB), id, 1));
		assert!(!events().iter().any(|e| matches!(e, Event::MemberStruck { .. })));
		assert_noop!(
			Aggregates::close_window(RuntimeOrigin::signed(BOB), id, 1),
			Error::<Test>::AlreadyClosed
		);
		// Nobody shared window 0: all three are struck, and the total can no longer be decrypted.
		assert_ok!(Aggregates::close_window(RuntimeOrigin::signed(BOB), id, 0));
		let struck = events()
			.iter()
			.filter(|e| matches!(e, Event::MemberStruck { window: Some(0), .. }))
			.count();
		assert_eq!(struck, 3);
		assert!(events().contains(&Event::WindowClosed {
			campaign: id,
			window: 0,
			decrypted: false
		}));
		assert_eq!(campaign(id).phase, Phase::Active);
		assert_noop!(Aggregates::reap(RuntimeOrigin::signed(BOB), id, 10), Error::<Test>::NotOver);
	});
}

#[test]
fn a_campaign_whose_key_is_not_made_in_time_is_cancelled() {
	new_test_ext().execute_with(|| {
		let id = create(3, 2);
		let members = Members::new(id, 5);
		assert_ok!(members.commit(id, 0));
		assert_ok!(members.commit(id, 2));
		assert_noop!(Aggregates::cancel(RuntimeOrigin::signed(BOB), id), Error::<Test>::TooEarly);
		run_to_block(START);
		assert_noop!(members.commit(id, 1), Error::<Test>::KeyGenerationOver);
		let creator_held = held(HoldReason::Campaign, CREATOR);
		assert_ok!(Aggregates::cancel(RuntimeOrigin::signed(BOB), id));
		// Member 1 never committed: struck, with no bond to slash. The others get theirs back.
		assert!(events().contains(&Event::MemberStruck {
			campaign: id,
			window: None,
			member: 1,
			slashed: 0
		}));
		assert_eq!(campaign(id).members[1].strikes, 1);
		assert_eq!(held(HoldReason::MemberBond, M[0]), 0);
		assert_eq!(Balances::balance(&M[0]), INITIAL_BALANCE);
		assert_eq!(held(HoldReason::Campaign, CREATOR), creator_held - BUDGET);
		assert!(events().contains(&Event::CampaignCancelled { campaign: id, refund: BUDGET }));
		assert_noop!(Aggregates::cancel(RuntimeOrigin::signed(BOB), id), Error::<Test>::WrongPhase);
		assert_ok!(Aggregates::reap(RuntimeOrigin::signed(BOB), id, 0));
		assert!(!Campaigns::<Test>::contains_key(id));
		assert_eq!(held(HoldReason::Campaign, CREATOR), 0);
	});
}

#[test]
fn members_who_miss_a_later_step_lose_part_of_their_bond() {
	new_test_ext().execute_with(|| {
		let id = create(3, 2);
		let members = Members::new(id, 6);
		for i in 0..3 {
			assert_ok!(members.commit(id, i));
		}
		assert_ok!(members.publish(id, 0));
		run_to_block(START);
		assert_ok!(Aggregates::cancel(RuntimeOrigin::signed(BOB), id));
		let slash = BOND / 10;
		for member in [1, 2] {
			assert!(events().contains(&Event::MemberStruck {
				campaign: id,
				window: None,
				member,
				slashed: slash
			}));
			assert_eq!(Balances::balance(&M[member as usize]), INITIAL_BALANCE - slash);
		}
		assert_eq!(Balances::balance(&M[0]), INITIAL_BALANCE);
		assert_eq!(Published::<Test>::iter_prefix(id).count(), 0);
	});
}

#[test]
fn a_complaint_against_a_wrong_share_slashes_its_dealer_and_cancels() {
	new_test_ext().execute_with(|| {
		let id = create(3, 2);
		let mut members = Members::new(id, 9);
		for i in 0..3 {
			assert_ok!(members.commit(id, i));
		}
		// Member 2 seals a wrong share for member 0; the others are right.
		let transport = Members::transport_keys(id);
		let mut bad = members.keys[2].publication(id, &transport).unwrap();
		bad.sealed[0][5] ^= 1;
		assert_ok!(members.publish(id, 0));
		assert_ok!(members.publish(id, 1));
		assert_ok!(Aggregates::publish_key(
			RuntimeOrigin::signed(M[2]),
			id,
			bad.polynomial.try_into().unwrap(),
			bad.opening,
			bad.proof.try_into().unwrap(),
			bad.sealed.try_into().unwrap(),
		));
		let complaint = |accuser: usize, dealer: u32, members: &mut Members| {
			let key = &members.keys[accuser];
			let (dh, proof) =
				key.complaint(id, dealer, &transport[dealer as usize], &mut members.rng).unwrap();
			(dh, proof)
		};

		// Refused, changing nothing: a right share, a proof for another point or member, oneself
		// or no member as dealer, a non-member, a member who confirmed.
		let (dh, proof) = complaint(0, 1, &mut members);
		assert_noop!(
			Aggregates::complain(RuntimeOrigin::signed(M[0]), id, 1, dh, proof),
			Error::<Test>::ComplaintUnfounded
		);
		let (dh, proof) = complaint(0, 2, &mut members);
		let (other_dh, _) = complaint(1, 2, &mut members);
		assert_noop!(
			Aggregates::complain(RuntimeOrigin::signed(M[0]), id, 2, other_dh, proof),
			Error::<Test>::InvalidProof
		);
		assert_noop!(
			Aggregates::complain(RuntimeOrigin::signed(M[1]), id, 2, dh, proof),
			Error::<Test>::InvalidProof
		);
		assert_noop!(
			Aggregates::complain(RuntimeOrigin::signed(M[0]), id, 0, dh, proof),
			Error::<Test>::InvalidDealer
		);
		assert_noop!(
			Aggregates::complain(RuntimeOrigin::signed(M[0]), id, 3, dh, proof),
			Error::<Test>::InvalidDealer
		);
		assert_noop!(
			Aggregates::complain(RuntimeOrigin::signed(ALICE), id, 2, dh, proof),
			Error::<Test>::NotMember
		);
		let active1 = members.activate(id, 1);
		assert_ok!(members.confirm(id, 1, &active1));
		let (dh1, proof1) = complaint(1, 2, &mut members);
		assert_noop!(
			Aggregates::complain(RuntimeOrigin::signed(M[1]), id, 2, dh1, proof1),
			Error::<Test>::AlreadyDone
		);

		// Member 0 cannot confirm: its shares do not add up to its share key. Its complaint
		// against member 2 holds: member 2 loses its bond, half of it to the creator, and the
		// campaign is cancelled with every other bond and the budget released.
		let creator = Balances::balance(&CREATOR);
		let treasury = Balances::balance(&TREASURY);
		assert_ok!(Aggregates::complain(RuntimeOrigin::signed(M[0]), id, 2, dh, proof));
		assert!(events().contains(&Event::DealerFaulted {
			campaign: id,
			dealer: 2,
			accuser: 0,
			slashed: BOND
		}));
		assert!(events().contains(&Event::CampaignCancelled { campaign: id, refund: BUDGET }));
		assert_eq!(campaign(id).phase, Phase::Cancelled);
		assert_eq!(Balances::balance(&M[2]), INITIAL_BALANCE - BOND);
		assert_eq!(Balances::balance(&CREATOR), creator + BUDGET + BOND / 2);
		assert_eq!(Balances::balance(&TREASURY), treasury + BOND / 2);
		for i in [0, 1] {
			assert_eq!(Balances::balance(&M[i]), INITIAL_BALANCE);
			assert_eq!(held(HoldReason::MemberBond, M[i]), 0);
		}
		assert_eq!(Published::<Test>::iter_prefix(id).count(), 0);
		let (dh, proof) = complaint(0, 2, &mut members);
		assert_noop!(
			Aggregates::complain(RuntimeOrigin::signed(M[0]), id, 2, dh, proof),
			Error::<Test>::WrongPhase
		);
	});
}

#[test]
fn an_active_campaign_is_not_cancelled() {
	new_test_ext().execute_with(|| {
		let (id, ..) = active();
		run_to_block(START);
		assert_noop!(Aggregates::cancel(RuntimeOrigin::signed(BOB), id), Error::<Test>::WrongPhase);
	});
}

mod property {
	use super::*;
	use proptest::prelude::*;

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(12))]

		/// Whatever the devices contribute, the committee decrypts the window's sum to the sum
		/// of the plaintexts, from any `threshold` of its shares.
		#[test]
		fn the_decrypted_sum_is_the_sum_of_the_plaintexts(
			values in proptest::collection::vec(0..=MAX, MIN_CONTRIBUTIONS as usize..6),
			sharers in proptest::sample::subsequence(vec![0usize, 1, 2, 3], 2..=4),
			seed in any::<u64>(),
		) {
			new_test_ext().execute_with(|| {
				let id = create(4, 2);
				let (mut members, active) = Members::make_key(id, seed);
				assert_ok!(Aggregates::join(RuntimeOrigin::signed(ALICE), id));
				run_to_block(window_start(0));
				for (i, value) in values.iter().enumerate() {
					let pair = sensor(&format!("P{i}"));
					let device = register(ALICE, &pair);
					assert_ok!(submit(ALICE, id, 0, contribution(id, 0, &pair, device, *value, seed ^ i as u64)));
				}
				run_to_block(window_end(0));
				for i in &sharers {
					assert_ok!(members.share(id, 0, *i, &active[*i]));
				}
				let total: u64 = values.iter().sum();
				assert_ok!(Aggregates::submit_total(RuntimeOrigin::signed(BOB), id, 0, total));
				assert_eq!(Aggregates::results(id)[0].total, total);
			});
		}
	}
}
