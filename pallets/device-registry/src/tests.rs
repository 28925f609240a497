use crate::{mock::*, *};
use cpchain_primitives::device::{
	anchor_payload, device_id, next_anchor_hash, registration_payload, rotation_payload,
	signer::{DevicePair, Scheme},
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold, Mutate},
	BoundedVec,
};
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult, TokenError};

fn pair(scheme: Scheme, name: &str) -> DevicePair {
	DevicePair::from_string(scheme, &format!("//{name}")).unwrap()
}

fn sensor() -> DevicePair {
	pair(Scheme::Sr25519, "Sensor")
}

fn metadata(attributes: usize, value_len: usize) -> DeviceMetadataOf<Test> {
	DeviceMetadata {
		kind: b"obd2-dongle/v3".to_vec().try_into().unwrap(),
		firmware_hash: H256::repeat_byte(7),
		attributes: (0..attributes)
			.map(|i| {
				(
					format!("k{i}").into_bytes().try_into().unwrap(),
					vec![b'v'; value_len].try_into().unwrap(),
				)
			})
			.collect::<Vec<Attribute>>()
			.try_into()
			.unwrap(),
	}
}

fn deposit_for(metadata: &DeviceMetadataOf<Test>) -> u64 {
	DEPOSIT_BASE + codec::Encode::encoded_size(metadata) as u64
}

fn proof(device: &DevicePair, owner: u64) -> DeviceSignature {
	let key = device.public();
	let nonce = Keys::<Test>::get(key).nonce;
	device.sign(&registration_payload(
		&cpchain_pallet_support::genesis_hash::<Test>(),
		&owner,
		&key,
		nonce,
	))
}

fn register(owner: u64, device: &DevicePair) -> DeviceId {
	let key = device.public();
	let nonce = Keys::<Test>::get(key).nonce;
	assert_ok!(DeviceRegistry::register_device(
		RuntimeOrigin::signed(owner),
		key,
		metadata(1, 8),
		proof(device, owner)
	));
	device_id(&cpchain_pallet_support::genesis_hash::<Test>(), &key, nonce)
}

fn anchor(sequence: u64) -> Anchor {
	Anchor {
		sequence,
		batch_root: [sequence as u8; 32],
		reading_count: 1000,
		time_start: 1_700_000_000_000 + sequence * 60_000,
		time_end: 1_700_000_000_000 + sequence * 60_000 + 59_999,
	}
}

fn sign_anchor(device: &DevicePair, id: DeviceId, anchor: &Anchor) -> DeviceSignature {
	device.sign(&anchor_payload(&id, anchor))
}

fn submit(who: u64, device: &DevicePair, id: DeviceId, anchor: Anchor) -> DispatchResult {
	let signature = sign_anchor(device, id, &anchor);
	DeviceRegistry::anchor_data(RuntimeOrigin::signed(who), id, anchor, signature)
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::DeviceDeposit.into(), &who)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::DeviceRegistry(event) => Some(event),
			_ => None,
		})
		.last()
		.expect("an event of this pallet")
}

#[test]
fn register_device_holds_deposit_and_records_everything() {
	new_test_ext().execute_with(|| {
		for (owner, device) in [(ALICE, sensor()), (BOB, pair(Scheme::Ed25519, "Camera"))] {
			let id = register(owner, &device);
			let deposit = deposit_for(&metadata(1, 8));
			assert_eq!(
				last_event(),
				Event::DeviceRegistered { device: id, owner, key: device.public() }
			);
			assert_eq!(held(owner), deposit);
			let info = Devices::<Test>::get(id).unwrap();
			assert_eq!(
				(info.owner, info.key, info.status),
				(owner, device.public(), DeviceStatus::Active)
			);
			assert_eq!(
				info.anchor,
				AnchorHead { sequence: 0, head: id, count: 0, readings: 0, updated_at: 1 }
			);
			assert_eq!(MetadataOf::<Test>::get(id), Some(metadata(1, 8)));
			assert_eq!(DeviceRegistry::devices_of(&owner), vec![id]);
			assert_eq!(
				Keys::<Test>::get(device.public()),
				KeyRecord { nonce: 1, device: Some(id), revoked: false }
			);
		}
	});
}

#[test]
fn register_rejects_bad_proofs_of_possession() {
	new_test_ext().execute_with(|| {
		let device = sensor();
		let key = device.public();
		let other = pair(Scheme::Sr25519, "Other");
		let genesis = cpchain_pallet_support::genesis_hash::<Test>();
		let bad_proofs = [
			// Signed by another key.
			other.sign(&registration_payload(&genesis, &ALICE, &key, 0)),
			// Bound to another owner: Bob's registration replayed by Alice.
			device.sign(&registration_payload(&genesis, &BOB, &key, 0)),
			// Bound to another chain.
			device.sign(&registration_payload(&H256::repeat_byte(1), &ALICE, &key, 0)),
			// Made for a later nonce.
			device.sign(&registration_payload(&genesis, &ALICE, &key, 1)),
			// Not a signature at all.
			DeviceSignature([0xab; 64]),
		];
		for proof in bad_proofs {
			assert_noop!(
				DeviceRegistry::register_device(
					RuntimeOrigin::signed(ALICE),
					key,
					metadata(1, 8),
					proof
				),
				Error::<Test>::InvalidProofOfPossession
			);
		}
	});
}

#[test]
fn registration_cannot_be_replayed_after_deregistration() {
	new_test_ext().execute_with(|| {
		let device = sensor();
		let old_proof = proof(&device, ALICE);
		let first = register(ALICE, &device);
		assert_noop!(
			DeviceRegistry::register_device(
				RuntimeOrigin::signed(ALICE),
				device.public(),
				metadata(1, 8),
				old_proof
			),
			Error::<Test>::KeyAlreadyRegistered
		);
		assert_ok!(DeviceRegistry::deregister_device(RuntimeOrigin::signed(ALICE), first));
		assert_noop!(
			DeviceRegistry::register_device(
				RuntimeOrigin::signed(ALICE),
				device.public(),
				metadata(1, 8),
				old_proof
			),
			Error::<Test>::InvalidProofOfPossession
		);
		// A fresh proof for the next nonce registers a new identity.
		let second = register(ALICE, &device);
		assert_ne!(first, second);
	});
}

#[test]
fn register_checks_metadata_size_and_balance() {
	new_test_ext().execute_with(|| {
		let device = sensor();
		let big = metadata(4, 100);
		assert!(codec::Encode::encoded_size(&big) as u32 > MAX_METADATA_LEN);
		assert_noop!(
			DeviceRegistry::register_device(
				RuntimeOrigin::signed(ALICE),
				device.public(),
				big,
				proof(&device, ALICE)
			),
			Error::<Test>::MetadataTooLarge
		);
		assert_noop!(
			DeviceRegistry::register_device(
				RuntimeOrigin::signed(POOR),
				device.public(),
				metadata(1, 8),
				proof(&device, POOR)
			),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn update_metadata_adjusts_the_deposit() {
	new_test_ext().execute_with(|| {
		let id = register(ALICE, &sensor());
		let bigger = metadata(2, 50);
		assert_ok!(DeviceRegistry::update_metadata(
			RuntimeOrigin::signed(ALICE),
			id,
			bigger.clone()
		));
		assert_eq!(held(ALICE), deposit_for(&bigger));
		assert_eq!(last_event(), Event::MetadataUpdated { device: id });
		let smaller = metadata(0, 0);
		assert_ok!(DeviceRegistry::update_metadata(
			RuntimeOrigin::signed(ALICE),
			id,
			smaller.clone()
		));
		assert_eq!(held(ALICE), deposit_for(&smaller));
		assert_eq!(MetadataOf::<Test>::get(id), Some(smaller));
	});
}

#[test]
fn update_metadata_rejects_bad_input() {
	new_test_ext().execute_with(|| {
		let id = register(ALICE, &sensor());
		assert_noop!(
			DeviceRegistry::update_metadata(RuntimeOrigin::signed(BOB), id, metadata(0, 0)),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			DeviceRegistry::update_metadata(
				RuntimeOrigin::signed(ALICE),
				H256::zero(),
				metadata(0, 0)
			),
			Error::<Test>::UnknownDevice
		);
		assert_noop!(
			DeviceRegistry::update_metadata(RuntimeOrigin::signed(ALICE), id, metadata(4, 100)),
			Error::<Test>::MetadataTooLarge
		);
		// Alice can no longer pay for a bigger record.
		Balances::set_balance(&ALICE, 1);
		assert_noop!(
			DeviceRegistry::update_metadata(RuntimeOrigin::signed(ALICE), id, metadata(2, 50)),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn rotate_key_moves_the_device_to_the_new_key() {
	new_test_ext().execute_with(|| {
		let old = sensor();
		let new = pair(Scheme::Ed25519, "NewSensor");
		let id = register(ALICE, &old);
		assert_ok!(submit(ALICE, &old, id, anchor(1)));
		let payload = rotation_payload(&id, &new.public(), 0);
		assert_ok!(DeviceRegistry::rotate_key(
			RuntimeOrigin::signed(ALICE),
			id,
			new.public(),
			old.sign(&payload),
			new.sign(&payload)
		));
		assert_eq!(
			last_event(),
			Event::KeyRotated {
				device: id,
				old_key: old.public(),
				new_key: new.public(),
				key_version: 1
			}
		);
		assert_eq!(Keys::<Test>::get(old.public()).device, None);
		assert_eq!(Keys::<Test>::get(new.public()).device, Some(id));
		// The old key no longer speaks for the device; the new one does, on the same chain.
		assert_noop!(submit(ALICE, &old, id, anchor(2)), Error::<Test>::InvalidSignature);
		assert_ok!(submit(ALICE, &new, id, anchor(2)));
		// The same rotation cannot be replayed: the key version moved on.
		assert_noop!(
			DeviceRegistry::rotate_key(
				RuntimeOrigin::signed(ALICE),
				id,
				old.public(),
				new.sign(&rotation_payload(&id, &old.public(), 0)),
				old.sign(&rotation_payload(&id, &old.public(), 0))
			),
			Error::<Test>::InvalidSignature
		);
	});
}

#[test]
fn rotate_key_rejects_bad_input() {
	new_test_ext().execute_with(|| {
		let old = sensor();
		let new = pair(Scheme::Sr25519, "NewSensor");
		let taken = pair(Scheme::Sr25519, "Taken");
		let id = register(ALICE, &old);
		register(BOB, &taken);
		let rotate =
			|who: u64, key: DeviceKey, old_sig: DeviceSignature, new_sig: DeviceSignature| {
				DeviceRegistry::rotate_key(RuntimeOrigin::signed(who), id, key, old_sig, new_sig)
			};
		let payload = rotation_payload(&id, &new.public(), 0);
		assert_noop!(
			rotate(BOB, new.public(), old.sign(&payload), new.sign(&payload)),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			rotate(ALICE, new.public(), taken.sign(&payload), new.sign(&payload)),
			Error::<Test>::InvalidSignature
		);
		assert_noop!(
			rotate(ALICE, new.public(), old.sign(&payload), taken.sign(&payload)),
			Error::<Test>::InvalidNewKeySignature
		);
		let same = rotation_payload(&id, &old.public(), 0);
		assert_noop!(
			rotate(ALICE, old.public(), old.sign(&same), old.sign(&same)),
			Error::<Test>::SameKey
		);
		let to_taken = rotation_payload(&id, &taken.public(), 0);
		assert_noop!(
			rotate(ALICE, taken.public(), old.sign(&to_taken), taken.sign(&to_taken)),
			Error::<Test>::KeyAlreadyRegistered
		);
	});
}

#[test]
fn transfer_moves_device_and_deposit() {
	new_test_ext().execute_with(|| {
		let device = sensor();
		let id = register(ALICE, &device);
		let deposit = held(ALICE);
		assert_ok!(DeviceRegistry::authorize_gateway(RuntimeOrigin::signed(ALICE), GATEWAY));
		// A new owner who cannot pay the deposit does not get the device.
		assert_noop!(
			DeviceRegistry::transfer_device(RuntimeOrigin::signed(ALICE), id, POOR),
			TokenError::FundsUnavailable
		);
		assert_ok!(DeviceRegistry::transfer_device(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_eq!(last_event(), Event::DeviceTransferred { device: id, from: ALICE, to: BOB });
		// Bob's deposit is held, Alice's released: she paid only the key fee.
		assert_eq!((held(ALICE), held(BOB)), (0, deposit));
		assert_eq!(Balances::free_balance(ALICE), INITIAL_BALANCE - KEY_FEE - GATEWAY_DEPOSIT);
		assert_eq!(DeviceRegistry::devices_of(&ALICE), Vec::<DeviceId>::new());
		assert_eq!(DeviceRegistry::devices_of(&BOB), vec![id]);
		// Alice and her gateway lost the device; Bob has it.
		assert_noop!(submit(GATEWAY, &device, id, anchor(1)), Error::<Test>::NotOwnerOrGateway);
		assert_noop!(submit(ALICE, &device, id, anchor(1)), Error::<Test>::NotOwnerOrGateway);
		assert_ok!(submit(BOB, &device, id, anchor(1)));
		assert_noop!(
			DeviceRegistry::transfer_device(RuntimeOrigin::signed(ALICE), id, ALICE),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			DeviceRegistry::transfer_device(RuntimeOrigin::signed(BOB), id, BOB),
			Error::<Test>::AlreadyOwner
		);
		// Bob deregisters and gets his deposit back.
		assert_ok!(DeviceRegistry::deregister_device(RuntimeOrigin::signed(BOB), id));
		assert_eq!(Balances::free_balance(BOB), INITIAL_BALANCE);
	});
}

#[test]
fn suspended_devices_cannot_anchor_until_resumed() {
	new_test_ext().execute_with(|| {
		let device = sensor();
		let id = register(ALICE, &device);
		assert_noop!(
			DeviceRegistry::resume_device(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotSuspended
		);
		assert_noop!(
			DeviceRegistry::suspend_device(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotOwner
		);
		assert_ok!(DeviceRegistry::suspend_device(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(last_event(), Event::DeviceSuspended { device: id });
		assert_noop!(
			DeviceRegistry::suspend_device(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::DeviceSuspended
		);
		assert_noop!(submit(ALICE, &device, id, anchor(1)), Error::<Test>::DeviceSuspended);
		assert_ok!(DeviceRegistry::resume_device(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(last_event(), Event::DeviceResumed { device: id });
		assert_ok!(submit(ALICE, &device, id, anchor(1)));
	});
}

#[test]
fn revoked_devices_are_dead_for_good() {
	new_test_ext().execute_with(|| {
		let device = sensor();
		let id = register(ALICE, &device);
		let deposit = held(ALICE);
		assert_noop!(
			DeviceRegistry::revoke_device(RuntimeOrigin::signed(ALICE), id),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DeviceRegistry::revoke_device(RuntimeOrigin::root(), H256::zero()),
			Error::<Test>::UnknownDevice
		);
		assert_ok!(DeviceRegistry::revoke_device(RuntimeOrigin::root(), id));
		assert_eq!(last_event(), Event::DeviceRevoked { device: id });
		assert_noop!(
			DeviceRegistry::revoke_device(RuntimeOrigin::root(), id),
			Error::<Test>::DeviceRevoked
		);
		assert_noop!(submit(ALICE, &device, id, anchor(1)), Error::<Test>::DeviceRevoked);
		assert_noop!(
			DeviceRegistry::resume_device(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::DeviceRevoked
		);
		assert_noop!(
			DeviceRegistry::transfer_device(RuntimeOrigin::signed(ALICE), id, BOB),
			Error::<Test>::DeviceRevoked
		);
		let new = pair(Scheme::Sr25519, "NewSensor");
		let payload = rotation_payload(&id, &new.public(), 0);
		assert_noop!(
			DeviceRegistry::rotate_key(
				RuntimeOrigin::signed(ALICE),
				id,
				new.public(),
				device.sign(&payload),
				new.sign(&payload)
			),
			Error::<Test>::DeviceRevoked
		);
		// The owner gets the deposit back, but the key is never accepted again.
		assert_ok!(DeviceRegistry::deregister_device(RuntimeOrigin::signed(ALICE), id));
		assert_eq!((held(ALICE), Balances::free_balance(ALICE)), (0, INITIAL_BALANCE - KEY_FEE));
		assert_eq!(deposit, deposit_for(&metadata(1, 8)));
		assert_noop!(
			DeviceRegistry::register_device(
				RuntimeOrigin::signed(ALICE),
				device.public(),
				metadata(1, 8),
				proof(&device, ALICE)
			),
			Error::<Test>::KeyRevoked
		);
	});
}

#[test]
fn a_key_s_record_is_bought_once_and_kept() {
	new_test_ext().execute_with(|| {
		let device = sensor();
		let key = device.public();
		// A key seen for the first time pays its record's fee to the treasury.
		let id = register(ALICE, &device);
		assert_eq!(Balances::free_balance(TREASURY), 1 + KEY_FEE);
		assert_eq!(Balances::free_balance(ALICE), INITIAL_BALANCE - held(ALICE) - KEY_FEE);
		// Deregistered, the record stays with its nonce: registering again pays no fee and
		// gives a new device id, so the old one's anchors cannot come back.
		assert_ok!(DeviceRegistry::deregister_device(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(Keys::<Test>::get(key), KeyRecord { nonce: 1, device: None, revoked: false });
		let again = register(BOB, &device);
		assert_ne!(again, id);
		assert_eq!(Balances::free_balance(BOB), INITIAL_BALANCE - held(BOB));
		assert_eq!(Balances::free_balance(TREASURY), 1 + KEY_FEE);
		// Rotating to a key never seen buys its record too.
		let new = pair(Scheme::Ed25519, "New");
		let payload = rotation_payload(&again, &new.public(), 0);
		assert_ok!(DeviceRegistry::rotate_key(
			RuntimeOrigin::signed(BOB),
			again,
			new.public(),
			device.sign(&payload),
			new.sign(&payload)
		));
		assert_eq!(Balances::free_balance(TREASURY), 1 + 2 * KEY_FEE);
		// An owner who can pay the deposit but not the fee registers nothing.
		let (owner, short) = (50, pair(Scheme::Ed25519, "Short"));
		let existential = Balances::minimum_balance();
		assert_ok!(Balances::mint_into(
			&owner,
			deposit_for(&metadata(1, 8)) + existential + KEY_FEE - 1
		));
		assert_noop!(
			DeviceRegistry::register_device(
				RuntimeOrigin::signed(owner),
				short.public(),
				metadata(1, 8),
				proof(&short, owner)
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn deregister_releases_deposit_and_clears_storage() {
	new_test_ext().execute_with(|| {
		let id = register(ALICE, &sensor());
		assert_noop!(
			DeviceRegistry::deregister_device(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotOwner
		);
		assert_ok!(DeviceRegistry::deregister_device(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(last_event(), Event::DeviceDeregistered { device: id, owner: ALICE });
		assert_eq!(Balances::free_balance(ALICE), INITIAL_BALANCE - KEY_FEE);
		assert!(Devices::<Test>::get(id).is_none());
		assert!(MetadataOf::<Test>::get(id).is_none());
		assert!(DeviceRegistry::devices_of(&ALICE).is_empty());
		assert_eq!(Keys::<Test>::get(sensor().public()).device, None);
		assert_noop!(
			DeviceRegistry::deregister_device(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::UnknownDevice
		);
	});
}

#[test]
fn anchor_data_extends_the_hash_chain() {
	new_test_ext().execute_with(|| {
		let device = sensor();
		let id = register(ALICE, &device);
		let first = anchor(1);
		assert_ok!(submit(ALICE, &device, id, first));
		let first_hash = next_anchor_hash(&id, &first);
		assert_eq!(
			last_event(),
			Event::DataAnchored {
				device: id,
				anchor: first,
				anchor_hash: first_hash,
				submitter: ALICE
			}
		);
		System::set_block_number(5);
		let second = anchor(9);
		assert_ok!(submit(ALICE, &device, id, second));
		assert_eq!(
			DeviceRegistry::anchor_head(id),
			Some(AnchorHead {
				sequence: 9,
				head: next_anchor_hash(&first_hash, &second),
				count: 2,
				readings: 2000,
				updated_at: 5,
			})
		);
	});
}

#[test]
fn anchor_data_rejects_bad_input() {
	new_test_ext().execute_with(|| {
		let device = sensor();
		let id = register(ALICE, &device);
		let other = pair(Scheme::Sr25519, "Other");
		let other_id = register(BOB, &other);
		assert_ok!(submit(ALICE, &device, id, anchor(5)));

		// Replayed, reordered.
		assert_noop!(submit(ALICE, &device, id, anchor(5)), Error::<Test>::SequenceNotIncreasing);
		assert_noop!(submit(ALICE, &device, id, anchor(4)), Error::<Test>::SequenceNotIncreasing);
		// Signed by another device, for another device, or not signed at all.
		let good = anchor(6);
		assert_noop!(submit(ALICE, &other, id, good), Error::<Test>::InvalidSignature);
		let for_other_device = sign_anchor(&device, other_id, &good);
		assert_noop!(
			DeviceRegistry::anchor_data(RuntimeOrigin::signed(ALICE), id, good, for_other_device),
			Error::<Test>::InvalidSignature
		);
		assert_noop!(
			DeviceRegistry::anchor_data(
				RuntimeOrigin::signed(ALICE),
				id,
				good,
				DeviceSignature([7; 64])
			),
			Error::<Test>::InvalidSignature
		);
		// A signature over other values than the ones submitted.
		let mut tampered = good;
		tampered.reading_count += 1;
		assert_noop!(
			DeviceRegistry::anchor_data(
				RuntimeOrigin::signed(ALICE),
				id,
				tampered,
				sign_anchor(&device, id, &good)
			),
			Error::<Test>::InvalidSignature
		);
		// Malformed batches.
		assert_noop!(
			submit(ALICE, &device, id, Anchor { reading_count: 0, ..good }),
			Error::<Test>::EmptyBatch
		);
		assert_noop!(
			submit(ALICE, &device, id, Anchor { time_start: good.time_end + 1, ..good }),
			Error::<Test>::InvalidTimeRange
		);
		// Wrong submitter, unknown device.
		assert_noop!(submit(BOB, &device, id, good), Error::<Test>::NotOwnerOrGateway);
		assert_noop!(submit(ALICE, &device, H256::zero(), good), Error::<Test>::UnknownDevice);
	});
}

#[test]
fn gateways_anchor_for_all_devices_of_their_owner() {
	new_test_ext().execute_with(|| {
		let a = sensor();
		let b = pair(Scheme::Ed25519, "Camera");
		let (id_a, id_b) = (register(ALICE, &a), register(ALICE, &b));
		assert_noop!(submit(GATEWAY, &a, id_a, anchor(1)), Error::<Test>::NotOwnerOrGateway);
		assert_ok!(DeviceRegistry::authorize_gateway(RuntimeOrigin::signed(ALICE), GATEWAY));
		assert_eq!(last_event(), Event::GatewayAuthorized { owner: ALICE, gateway: GATEWAY });
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::GatewayDeposit.into(), &ALICE),
			GATEWAY_DEPOSIT
		);
		assert_ok!(submit(GATEWAY, &a, id_a, anchor(1)));
		assert_ok!(submit(GATEWAY, &b, id_b, anchor(1)));
		assert_eq!(
			last_event(),
			Event::DataAnchored {
				device: id_b,
				anchor: anchor(1),
				anchor_hash: next_anchor_hash(&id_b, &anchor(1)),
				submitter: GATEWAY,
			}
		);
		assert_ok!(DeviceRegistry::revoke_gateway(RuntimeOrigin::signed(ALICE), GATEWAY));
		assert_eq!(last_event(), Event::GatewayRevoked { owner: ALICE, gateway: GATEWAY });
		assert_eq!(Balances::balance_on_hold(&HoldReason::GatewayDeposit.into(), &ALICE), 0);
		assert_noop!(submit(GATEWAY, &a, id_a, anchor(2)), Error::<Test>::NotOwnerOrGateway);
	});
}

fn entry(device: &DevicePair, id: DeviceId, anchor: Anchor) -> AnchorEntry {
	AnchorEntry { device: id, anchor, signature: sign_anchor(device, id, &anchor) }
}

fn batch(entries: Vec<AnchorEntry>) -> BoundedVec<AnchorEntry, MaxBatchAnchorsOf> {
	entries.try_into().unwrap()
}

type MaxBatchAnchorsOf = <Test as Config>::MaxBatchAnchors;

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::DeviceRegistry(event) => Some(event),
			_ => None,
		})
		.collect()
}

#[test]
fn a_gateway_anchors_a_fleet_in_one_call() {
	new_test_ext().execute_with(|| {
		let (a, b, c) = (sensor(), pair(Scheme::Ed25519, "Camera"), pair(Scheme::Ed25519, "Bms"));
		let (id_a, id_b, id_c) = (register(ALICE, &a), register(ALICE, &b), register(BOB, &c));
		for owner in [ALICE, BOB] {
			assert_ok!(DeviceRegistry::authorize_gateway(RuntimeOrigin::signed(owner), GATEWAY));
		}
		System::reset_events();
		// Two anchors of one device in order, and two other devices of two owners.
		let entries = vec![
			entry(&a, id_a, anchor(1)),
			entry(&b, id_b, anchor(1)),
			entry(&a, id_a, anchor(2)),
			entry(&c, id_c, anchor(7)),
		];
		let info =
			DeviceRegistry::anchor_batch(RuntimeOrigin::signed(GATEWAY), batch(entries)).unwrap();
		let mut head_a = next_anchor_hash(&id_a, &anchor(1));
		let first_a = head_a;
		head_a = next_anchor_hash(&head_a, &anchor(2));
		let anchored = |device, anchor, anchor_hash| Event::DataAnchored {
			device,
			anchor,
			anchor_hash,
			submitter: GATEWAY,
		};
		assert_eq!(
			events(),
			vec![
				anchored(id_a, anchor(1), first_a),
				anchored(id_b, anchor(1), next_anchor_hash(&id_b, &anchor(1))),
				anchored(id_a, anchor(2), head_a),
				anchored(id_c, anchor(7), next_anchor_hash(&id_c, &anchor(7))),
			]
		);
		let info_a = Devices::<Test>::get(id_a).unwrap().anchor;
		assert_eq!((info_a.sequence, info_a.head, info_a.count), (2, head_a, 2));
		assert_eq!(Devices::<Test>::get(id_c).unwrap().anchor.sequence, 7);
		// Charged four authorization reads; two made (one per owner), two refunded.
		let reads = <Test as frame_system::Config>::DbWeight::get().reads(2);
		assert_eq!(
			info.actual_weight,
			Some(<() as WeightInfo>::anchor_batch(4).saturating_sub(reads))
		);
	});
}

#[test]
fn a_bad_entry_is_skipped_and_the_rest_anchored() {
	new_test_ext().execute_with(|| {
		let (a, b) = (sensor(), pair(Scheme::Ed25519, "Camera"));
		let (id_a, id_b) = (register(ALICE, &a), register(ALICE, &b));
		let stranger = pair(Scheme::Ed25519, "Stranger");
		let id_stranger = register(BOB, &stranger);
		let revoked = pair(Scheme::Sr25519, "Revoked");
		let id_revoked = register(ALICE, &revoked);
		assert_ok!(DeviceRegistry::revoke_device(RuntimeOrigin::root(), id_revoked));
		assert_ok!(submit(ALICE, &a, id_a, anchor(5)));
		let before = (Devices::<Test>::get(id_stranger), Devices::<Test>::get(id_revoked));
		System::reset_events();

		let mut forged = entry(&b, id_b, anchor(1));
		forged.anchor.reading_count += 1;
		let entries = vec![
			entry(&a, id_a, anchor(5)),                 // replayed
			forged,                                     // not what the device signed
			entry(&stranger, id_stranger, anchor(1)),   // BOB's device, ALICE submits
			entry(&revoked, id_revoked, anchor(1)),     // revoked
			entry(&a, H256::repeat_byte(9), anchor(1)), // unknown
			entry(&b, id_b, anchor(3)),                 // good
		];
		assert_ok!(DeviceRegistry::anchor_batch(RuntimeOrigin::signed(ALICE), batch(entries)));
		let rejected = |index, device, sequence, error: Error<Test>| Event::AnchorRejected {
			index,
			device,
			sequence,
			error: error.into(),
		};
		assert_eq!(
			events(),
			vec![
				rejected(0, id_a, 5, Error::SequenceNotIncreasing),
				rejected(1, id_b, 1, Error::InvalidSignature),
				rejected(2, id_stranger, 1, Error::NotOwnerOrGateway),
				rejected(3, id_revoked, 1, Error::DeviceRevoked),
				rejected(4, H256::repeat_byte(9), 1, Error::UnknownDevice),
				Event::DataAnchored {
					device: id_b,
					anchor: anchor(3),
					anchor_hash: next_anchor_hash(&id_b, &anchor(3)),
					submitter: ALICE,
				},
			]
		);
		assert_eq!(Devices::<Test>::get(id_a).unwrap().anchor.sequence, 5);
		assert_eq!((Devices::<Test>::get(id_stranger), Devices::<Test>::get(id_revoked)), before);
	});
}

#[test]
fn an_empty_batch_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			DeviceRegistry::anchor_batch(RuntimeOrigin::signed(GATEWAY), batch(vec![])),
			Error::<Test>::EmptyBatchOfAnchors
		);
	});
}

#[test]
fn gateway_calls_reject_bad_input() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			DeviceRegistry::authorize_gateway(RuntimeOrigin::signed(ALICE), ALICE),
			Error::<Test>::OwnerAsGateway
		);
		assert_noop!(
			DeviceRegistry::revoke_gateway(RuntimeOrigin::signed(ALICE), GATEWAY),
			Error::<Test>::UnknownGateway
		);
		assert_noop!(
			DeviceRegistry::authorize_gateway(RuntimeOrigin::signed(POOR), GATEWAY),
			TokenError::FundsUnavailable
		);
		assert_ok!(DeviceRegistry::authorize_gateway(RuntimeOrigin::signed(ALICE), GATEWAY));
		assert_noop!(
			DeviceRegistry::authorize_gateway(RuntimeOrigin::signed(ALICE), GATEWAY),
			Error::<Test>::GatewayAlreadyAuthorized
		);
	});
}

#[test]
fn runtime_api_reads() {
	new_test_ext().execute_with(|| {
		let device = sensor();
		let id = register(ALICE, &device);
		let details = DeviceRegistry::device(id).unwrap();
		assert_eq!(details.owner, ALICE);
		assert_eq!(details.kind, b"obd2-dongle/v3".to_vec());
		assert_eq!(details.attributes, vec![(b"k0".to_vec(), vec![b'v'; 8])]);
		assert!(DeviceRegistry::device(H256::zero()).is_none());
		assert!(DeviceRegistry::anchor_head(H256::zero()).is_none());
		assert_eq!(DeviceRegistry::key_record(device.public()).nonce, 1);
	});
}

proptest::proptest! {
	#![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

	/// Replaying the `DataAnchored` events through `next_anchor_hash` off-chain reproduces the
	/// head the chain stores, whatever mix of valid and rejected anchors was submitted.
	#[test]
	fn anchor_chain_from_events_matches_on_chain_head(
		steps in proptest::collection::vec((0u64..40, 0u32..3, proptest::bool::ANY), 1..40)
	) {
		new_test_ext().execute_with(|| {
			let device = sensor();
			let id = register(ALICE, &device);
			for (sequence, readings, forge) in steps {
				let a = Anchor { reading_count: readings, ..anchor(sequence) };
				let signature = if forge {
					pair(Scheme::Sr25519, "Forger").sign(&anchor_payload(&id, &a))
				} else {
					sign_anchor(&device, id, &a)
				};
				let _ = DeviceRegistry::anchor_data(RuntimeOrigin::signed(ALICE), id, a, signature);
			}
			let (mut head, mut count, mut last_seq) = (id, 0u64, 0u64);
			for record in System::events() {
				if let RuntimeEvent::DeviceRegistry(Event::DataAnchored { device, anchor, anchor_hash, .. }) = record.event {
					assert_eq!(device, id);
					assert!(anchor.sequence > last_seq);
					head = next_anchor_hash(&head, &anchor);
					assert_eq!(head, anchor_hash);
					last_seq = anchor.sequence;
					count += 1;
				}
			}
			let on_chain = DeviceRegistry::anchor_head(id).unwrap();
			assert_eq!((on_chain.head, on_chain.count, on_chain.sequence), (head, count, last_seq));
		});
	}
}

#[derive(Clone, Debug)]
enum Op {
	Register { device: usize, owner: usize, attributes: usize },
	Update { device: usize, attributes: usize },
	Transfer { device: usize, to: usize },
	Deregister { device: usize },
	Revoke { device: usize },
	Authorize { owner: usize, gateway: usize },
	Unauthorize { owner: usize, gateway: usize },
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
	use proptest::prelude::*;
	prop_oneof![
		(0..4usize, 0..3usize, 0..3usize).prop_map(|(device, owner, attributes)| Op::Register {
			device,
			owner,
			attributes
		}),
		(0..4usize, 0..3usize).prop_map(|(device, attributes)| Op::Update { device, attributes }),
		(0..4usize, 0..3usize).prop_map(|(device, to)| Op::Transfer { device, to }),
		(0..4usize).prop_map(|device| Op::Deregister { device }),
		(0..4usize).prop_map(|device| Op::Revoke { device }),
		(0..3usize, 0..3usize).prop_map(|(owner, gateway)| Op::Authorize { owner, gateway }),
		(0..3usize, 0..3usize).prop_map(|(owner, gateway)| Op::Unauthorize { owner, gateway }),
	]
}

proptest::proptest! {
	#![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

	/// Whatever sequence of calls succeeds or fails, deposits only move through holds: total
	/// issuance never changes, every account's held balance equals the deposits of the devices
	/// and gateways it has, and once everything is deregistered and revoked nothing stays held.
	#[test]
	fn deposits_are_conserved_and_released_exactly_once(ops in proptest::collection::vec(op(), 1..30)) {
		new_test_ext().execute_with(|| {
			let accounts = [ALICE, BOB, GATEWAY];
			let devices: Vec<DevicePair> =
				(0..4).map(|i| pair(Scheme::Sr25519, &format!("Device{i}"))).collect();
			// The owner and id of a device, if registered.
			let owned = |d: &DevicePair| {
				let id = Keys::<Test>::get(d.public()).device?;
				Devices::<Test>::get(id).map(|info| (RuntimeOrigin::signed(info.owner), id))
			};
			let issuance = Balances::total_issuance();
			for op in ops {
				let _ = match op {
					Op::Register { device, owner, attributes } => DeviceRegistry::register_device(
						RuntimeOrigin::signed(accounts[owner]),
						devices[device].public(),
						metadata(attributes, 20),
						proof(&devices[device], accounts[owner]),
					),
					Op::Update { device, attributes } => owned(&devices[device]).map_or(Ok(()), |(o, id)| {
						DeviceRegistry::update_metadata(o, id, metadata(attributes, 40))
					}),
					Op::Transfer { device, to } => owned(&devices[device])
						.map_or(Ok(()), |(o, id)| DeviceRegistry::transfer_device(o, id, accounts[to])),
					Op::Deregister { device } => owned(&devices[device])
						.map_or(Ok(()), |(o, id)| DeviceRegistry::deregister_device(o, id)),
					Op::Revoke { device } => owned(&devices[device])
						.map_or(Ok(()), |(_, id)| DeviceRegistry::revoke_device(RuntimeOrigin::root(), id)),
					Op::Authorize { owner, gateway } => DeviceRegistry::authorize_gateway(
						RuntimeOrigin::signed(accounts[owner]),
						accounts[gateway],
					),
					Op::Unauthorize { owner, gateway } => DeviceRegistry::revoke_gateway(
						RuntimeOrigin::signed(accounts[owner]),
						accounts[gateway],
					),
				};
				assert_eq!(Balances::total_issuance(), issuance);
				for who in accounts {
					let recorded: u64 = Devices::<Test>::iter()
						.filter(|(_, d)| d.owner == who)
						.map(|(id, _)| deposit_for(&MetadataOf::<Test>::get(id).unwrap()))
						.sum();
					assert_eq!(held(who), recorded);
					let gateways = Gateways::<Test>::iter_prefix(who).count() as u64 * GATEWAY_DEPOSIT;
					assert_eq!(Balances::balance_on_hold(&HoldReason::GatewayDeposit.into(), &who), gateways);
				}
			}
			for (device, info) in Devices::<Test>::iter().collect::<Vec<_>>() {
				assert_ok!(DeviceRegistry::deregister_device(RuntimeOrigin::signed(info.owner), device));
			}
			for (owner, gateway, _) in Gateways::<Test>::iter().collect::<Vec<_>>() {
				assert_ok!(DeviceRegistry::revoke_gateway(RuntimeOrigin::signed(owner), gateway));
			}
			for who in accounts {
				assert_eq!(Balances::total_balance_on_hold(&who), 0);
			}
			// Everything came back but the key fees, which the treasury has.
			let free: u64 = accounts.iter().map(|who| Balances::free_balance(who)).sum();
			let fees = Balances::free_balance(TREASURY) - 1;
			assert_eq!(fees % KEY_FEE, 0);
			assert_eq!(free + fees, 3 * INITIAL_BALANCE);
			assert_eq!(Balances::total_issuance(), issuance);
		});
	}
}

#[test]
fn only_active_devices_vouch_for_provenance() {
	use cpchain_primitives::device::{DeviceProvenance, ProvenanceError};
	new_test_ext().execute_with(|| {
		let device = sensor();
		let id = register(ALICE, &device);
		assert_ok!(submit(ALICE, &device, id, anchor(3)));
		let last = |owner: u64| DeviceRegistry::last_anchored(&owner, &id);
		assert_eq!(last(ALICE), Ok(3));
		assert_eq!(last(BOB), Err(ProvenanceError::NotOwned));
		assert_eq!(
			DeviceRegistry::last_anchored(&ALICE, &H256::zero()),
			Err(ProvenanceError::NotOwned)
		);
		assert_ok!(DeviceRegistry::suspend_device(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(last(ALICE), Err(ProvenanceError::Inactive));
		assert_ok!(DeviceRegistry::resume_device(RuntimeOrigin::signed(ALICE), id));
		assert_eq!(last(ALICE), Ok(3));
		assert_ok!(DeviceRegistry::revoke_device(RuntimeOrigin::root(), id));
		assert_eq!(last(ALICE), Err(ProvenanceError::Inactive));
	});
}
