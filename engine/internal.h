/*
 * internal.h: the engine's internals, for the engine's own .c files and its
 * unit tests only (verify and the lab use engine/engine.h). The simulation core
 * (sim.c: clock, event queue, timers, PRNG, undo log) knows no protocol:
 * each timer carries its handler (as BIRD's timer.hook) and each event the
 * function that delivers it, so a new protocol machine brings its own
 * handlers and leaves the core alone. Then the RIB and the decision
 * process, the BFD and BGP machines, and the simulated network.
 */
#ifndef ECRC_ENGINE_INTERNAL_H
#define ECRC_ENGINE_INTERNAL_H

#include "engine/engine.h"

struct eng; /* = struct ecrc_engine */
struct eng_router;
struct eng_adj;
struct eng_circuit;

/* ---- sim.c: clock, event queue, timers, PRNG, trace, undo log -------------- */

/* xoshiro256** seeded with splitmix64 (Blackman and Vigna). */
struct eng_prng {
	uint64_t s[4];
};

void eng_prng_seed(struct eng_prng *p, uint64_t seed);
uint64_t eng_prng_next(struct eng_prng *p);
uint64_t eng_prng_below(struct eng_prng *p, uint64_t n); /* uniform in [0, n) */
uint64_t eng_hash_str(const char *s, uint64_t h);        /* FNV-1a, chainable */

struct eng_timer;

/* What a timer does when it expires: the owner's handler (BIRD's
 * timer.hook). The core has saved the owner for the undo log first. */
typedef void (*eng_timer_hook)(struct eng *e, struct eng_timer *t);

/* A restartable timer. Arming it later than an event already queued for it
 * costs nothing: the event re-queues itself at the new deadline when it
 * fires (the lazy timer of many BGP daemons). It lives inside its owner,
 * whose bytes (owner_size, with its undo stamp) the core saves before the
 * timer changes. */
struct eng_timer {
	uint64_t deadline;
	uint64_t queued_at;
	uint32_t gen;
	bool armed, queued;
	eng_timer_hook hook;
	void *owner;
	size_t owner_size;
	uint32_t *owner_stamp;
};

struct eng_bfd_packet {
	uint8_t state, diag, detect_mult;
	bool poll, final;
	uint32_t my_discr, your_discr;
	uint32_t desired_min_tx_us, required_min_rx_us;
};

enum eng_bgp_msg_type {
	ENG_MSG_SYN,    /* TCP: connection request */
	ENG_MSG_SYNACK, /* TCP: accepted */
	ENG_MSG_RST,    /* TCP: refused */
	ENG_MSG_OPEN,
	ENG_MSG_KEEPALIVE,
	ENG_MSG_NOTIFICATION,
	ENG_MSG_UPDATE,
};

struct eng_attrs;

struct eng_bgp_msg {
	uint8_t type;
	uint8_t code, subcode;         /* NOTIFICATION */
	uint32_t conn;                 /* TCP connection generation */
	uint32_t my_as, bgp_id;        /* OPEN */
	uint32_t hold_s;               /* OPEN */
	uint32_t prefix;               /* UPDATE: prefix id */
	const struct eng_attrs *attrs; /* UPDATE: NULL = withdrawn */
};

/* A route handed over a cloud-internal adjacency. */
struct eng_route_msg {
	uint32_t prefix;
	const struct eng_attrs *attrs; /* NULL = withdrawn */
	uint32_t bgp_id;               /* the BGP identifier to compare at step 7 */
	uint32_t peer_addr;
	uint16_t region;
	bool ebgp, is_static;
};

struct eng_event;

/* Delivers an event: each protocol brings its own (eng_timer_event for
 * timers, eng_bfd_deliver, eng_bgp_deliver, eng_route_deliver). */
typedef void (*eng_event_handler)(struct eng *e, const struct eng_event *ev);

struct eng_event {
	uint64_t time;
	uint64_t seq;
	eng_event_handler handler;
	uint32_t gen; /* timers: generation when queued */
	void *obj;    /* the timer, BFD endpoint, BGP half or adjacency */
	union {
		struct eng_bfd_packet bfd;
		struct eng_bgp_msg bgp;
		struct eng_route_msg route;
	} u;
};

void eng_push(struct eng *e, const struct eng_event *ev); /* copies; sets seq */
bool eng_pop(struct eng *e, struct eng_event *out);       /* the earliest; false when empty */
void eng_timer_init(struct eng_timer *t, eng_timer_hook hook, void *owner, size_t owner_size,
                    uint32_t *owner_stamp);
#define ENG_TIMER_INIT(t, hook, owner) eng_timer_init((t), (hook), (owner), sizeof(*(owner)), &(owner)->stamp)
void eng_timer_event(struct eng *e, const struct eng_event *ev); /* a timer's event fires */
void eng_timer_arm(struct eng *e, struct eng_timer *t, uint64_t deadline);
void eng_timer_stop(struct eng_timer *t);
/* Runs events until the queue is empty or the next is later than `until`.
 * Returns false when it stopped at `until`. */
bool eng_run(struct eng *e, uint64_t until);
void eng_trace(struct eng *e, const char *fmt, ...) ECRC_PRINTF(2, 3);
#define ENG_TRACING(e) ((e)->opt.trace != NULL)

/* The undo log: while a drill runs, the first change to an object saves
 * its bytes; the drill's end restores them in reverse order. Every object
 * that can change starts its life with stamp 0 and keeps a uint32_t stamp
 * telling in which drill it was last saved. */
bool eng_save(struct eng *e, void *obj, size_t size, uint32_t *stamp); /* true: saved now */
void eng_save_extra(struct eng *e, void *ptr, size_t size);            /* after eng_save returned true */
#define ENG_SAVE(e, obj) eng_save((e), (obj), sizeof(*(obj)), &(obj)->stamp)
void eng_undo_begin(struct eng *e);
void eng_undo_revert(struct eng *e);

/* ---- rib.c: prefixes, attributes, paths, the RIB ------------------------------- */

struct eng_aspath {
	uint32_t hash;
	uint32_t len;
	struct eng_aspath *next_in_bucket;
	uint32_t asn[]; /* leftmost (most recent) first */
};

enum eng_origin { ENG_ORIGIN_IGP = 0, ENG_ORIGIN_EGP = 1, ENG_ORIGIN_INCOMPLETE = 2 };

/* Path attributes, interned: equal attributes share one pointer. */
struct eng_attrs {
	uint32_t hash;
	const struct eng_aspath *as_path;
	uint32_t local_pref;
	uint32_t med;
	bool has_med;
	uint8_t origin;
	struct eng_attrs *next_in_bucket;
};

/* One candidate route in a RIB entry. */
struct eng_path {
	struct eng_adj *from; /* NULL: originated by this router */
	const struct eng_attrs *attrs;
	uint32_t bgp_id;    /* BGP identifier of the advertising speaker */
	uint32_t peer_addr; /* its address */
	uint16_t region;    /* region the route entered the cloud in (TR step) */
	bool ebgp;          /* learned over eBGP (else internal or local) */
	bool is_static;     /* a static route (TR step "BGP over static") */
	bool in_fib;        /* member of the forwarding (ECMP) set */
};

/* What this router last advertised over one adjacency (Adj-RIB-Out). */
struct eng_out {
	uint32_t adj; /* adjacency index within the router */
	const struct eng_attrs *attrs;
};

struct eng_rib_entry {
	uint32_t stamp;
	uint32_t prefix;
	struct eng_path *paths;
	uint32_t n_paths, cap_paths;
	struct eng_out *out;
	uint32_t n_out, cap_out;
	int32_t best;         /* index into paths, -1: none */
	uint32_t n_fib;       /* paths with in_fib */
	bool fib_capped;      /* the ECMP set was cut to max_paths */
	uint8_t groups;       /* ENG_GROUPS_*: the paths' neighbor ASes */
	uint32_t group_as;    /* the one neighbor AS, when ENG_GROUPS_ONE */
	uint8_t contributing; /* TR: counted towards allowed-prefix aggregates */
};

struct eng_rib {
	struct eng_rib_entry **slots;
	size_t cap; /* open addressing by prefix id */
	struct eng_rib_entry **list;
	size_t n, cap_list; /* creation order */
};

uint32_t eng_prefix_intern(struct eng *e, struct ecrc_ipnet p);
int32_t eng_prefix_find(const struct eng *e, struct ecrc_ipnet p); /* -1 when unknown */
struct ecrc_ipnet eng_prefix(const struct eng *e, uint32_t id);
const struct eng_aspath *eng_aspath_intern(struct eng *e, const uint32_t *asn, size_t n);
const struct eng_aspath *eng_aspath_prepend(struct eng *e, const struct eng_aspath *p, const uint32_t *asn,
                                            size_t n);
bool eng_aspath_contains(const struct eng_aspath *p, uint32_t asn);
const struct eng_attrs *eng_attrs_intern(struct eng *e, const struct eng_attrs *a);
struct eng_rib_entry *eng_rib_get(struct eng_rib *r, uint32_t prefix);
struct eng_rib_entry *eng_rib_get_or_add(struct eng *e, struct eng_rib *r, uint32_t prefix);
/* A route arrives (attrs NULL: withdrawn) from adjacency `from` (NULL:
 * originated here); runs the decision process and the exports. */
void eng_rib_update(struct eng *e, struct eng_router *r, struct eng_adj *from, uint32_t prefix,
                    const struct eng_attrs *attrs, const struct eng_path *meta);
void eng_rib_touch(struct eng *e, struct eng_router *r, struct eng_rib_entry *en);
void eng_route_deliver(struct eng *e, const struct eng_event *ev); /* a route arrives over ev->obj */
/* Queues a route (attrs NULL: a withdrawal) over an adjacency. */
void eng_send_route(struct eng *e, struct eng_adj *to, uint32_t prefix, const struct eng_attrs *attrs,
                    const struct eng_path *meta);
/* An adjacency came up: advertise the table. Went down: forget its routes. */
void eng_adj_up(struct eng *e, struct eng_adj *a);
void eng_adj_down(struct eng *e, struct eng_adj *a);
bool eng_prefix_list_match(const struct ecrc_ir_prefix_list *l, struct ecrc_ipnet p);
const char *eng_aspath_text(const struct eng_aspath *p, char *buf, size_t n);

/* ---- decide.c: the decision process (RFC 4271 9.1.2.2) ---------------------------- */

/* One elimination step: keeps the candidates that are best by one rule. */
struct eng_decision_step {
	uint8_t number;
	const char *rule;
	size_t (*keep)(const struct eng_path **c, size_t n);
	/* The same step as a key, the smallest winning: keep() keeps exactly
	 * the candidates with the smallest key. A step that compares only
	 * within a group (MED within one neighbor AS) says so in per_group;
	 * its key is then valid only when every candidate is in one group. */
	uint64_t (*key)(const struct eng_path *p);
	bool per_group;
};

struct eng_decision_table {
	const char *name;
	const struct eng_decision_step *steps;
	size_t n_steps;
	size_t multipath_steps; /* the survivors of the first so many steps form the ECMP set */
};

extern const struct eng_decision_table eng_bgp_decision; /* CPE, VBR */
extern const struct eng_decision_table
    eng_ecr_decision; /* ECR: MED across neighbor ASes (Alibaba's ECMP guide) */
extern const struct eng_decision_table eng_tr_decision;  /* transit router */
extern const struct eng_decision_table eng_vpc_decision; /* VPC route table */

/* Runs the table over the candidates (in any order: the result does not
 * depend on it). Writes the index of the best into *best (-1 when n is
 * 0), marks paths[i].in_fib for the ECMP set (at most max_paths, 0 = no
 * limit, the best always in), and returns the number of the step that
 * separated the best from the rest (0 when there was one candidate). */
uint8_t eng_decide(const struct eng_decision_table *t, struct eng_path *paths, size_t n, uint32_t max_paths,
                   int32_t *best);

/* The decision of one RIB entry, kept up to date as its paths change.
 * eng_decide_entry runs the whole table (eng_decide) and records what the
 * incremental updates need: the size of the set, whether max_paths cut it,
 * and whether every path has the same neighbor AS. Each table is then a
 * lexicographic order on the steps' keys (per_group steps included, their
 * one group being the whole entry), so a change touching no path of the
 * ECMP set is decided by comparing the changed path with the best alone:
 *   eng_decide_entry_added    paths[idx] was added, or replaced one that
 *                             was not in the set (the others as the last
 *                             decision left them);
 *   eng_decide_entry_removed  a path that was not in the set was removed.
 * Each returns true when it brought the entry up to date (and says in
 * *fib_changed whether the set changed), false when only eng_decide_entry
 * can (the set itself changed, mixed neighbor ASes with a per_group step,
 * a cut set). The result is the one eng_decide gives: the unit tests run
 * both on random sequences of changes. */
enum { ENG_GROUPS_NONE, ENG_GROUPS_ONE, ENG_GROUPS_MIXED };
void eng_decide_entry(const struct eng_decision_table *t, struct eng_rib_entry *en, uint32_t max_paths);
bool eng_decide_entry_added(const struct eng_decision_table *t, struct eng_rib_entry *en, uint32_t max_paths,
                            uint32_t idx, bool *fib_changed);
bool eng_decide_entry_removed(const struct eng_decision_table *t, struct eng_rib_entry *en);
/* The neighbor AS of a path (RFC 4271 9.1.2.2 c): the first AS of its
 * AS_PATH, 0 when empty. Kept in en->groups as paths come and go. */
uint32_t eng_path_neighbor_as(const struct eng_path *p);
void eng_groups_add(struct eng_rib_entry *en, const struct eng_path *p);

/* ---- bfd.c: the BFD state machine (RFC 5880, 5881) --------------------------------- */

enum eng_bfd_diag {
	ENG_BFD_DIAG_NONE = 0,
	ENG_BFD_DIAG_DETECT_EXPIRED = 1,
	ENG_BFD_DIAG_NEIGHBOR_DOWN = 3,
	ENG_BFD_DIAG_PATH_DOWN = 5,
	ENG_BFD_DIAG_ADMIN_DOWN = 7,
};

struct eng_bfd {
	uint32_t stamp;
	struct eng_circuit *c;
	struct eng_bfd *peer;   /* the other side's endpoint, NULL when it runs no BFD */
	struct eng_bgp *client; /* the BGP session it protects (RFC 5882) */
	const char *name;       /* "cpe1-up@cpe1" */
	bool enabled, alive;
	/* RFC 5880 6.8.1 state variables */
	uint8_t state, remote_state, local_diag;
	uint32_t local_discr, remote_discr;
	uint32_t desired_min_tx_us, required_min_rx_us, remote_min_rx_us;
	uint32_t remote_desired_min_tx_us; /* from the last packet received */
	uint8_t detect_mult, remote_detect_mult;
	bool poll; /* a Poll Sequence is in progress */
	uint32_t config_tx_us, config_rx_us;
	struct eng_timer tx, detect;
	uint64_t next_tx_us; /* the next periodic transmission */
	uint64_t last_rx_us;
	struct eng_prng prng; /* this endpoint's jitter stream */
	bool steady;          /* periodic packets elided (see bfd_quiesce) */
	uint32_t flaps;       /* times this endpoint went from Up to Down */
	/* drill measurement */
	uint64_t down_at;
};

void eng_bfd_init(struct eng *e, struct eng_bfd *b, struct eng_circuit *c, const char *name,
                  const struct ecrc_engine_bfd *cfg, uint64_t stream_seed);
void eng_bfd_start(struct eng *e, struct eng_bfd *b);
void eng_bfd_rx(struct eng *e, struct eng_bfd *b, const struct eng_bfd_packet *pkt);
void eng_bfd_deliver(struct eng *e, const struct eng_event *ev); /* a packet arrives at ev->obj */
/* The timers' hooks: the periodic transmission and the detection timer. */
void eng_bfd_tx_expired(struct eng *e, struct eng_timer *t);
void eng_bfd_detect_expired(struct eng *e, struct eng_timer *t);
/* The path under the session went down (carrier loss, RFC 5880 6.8.1
 * LocalDiag 5), or the system stopped. */
void eng_bfd_path_down(struct eng *e, struct eng_bfd *b);
void eng_bfd_stop(struct eng *e, struct eng_bfd *b);
void eng_bfd_admin(struct eng *e, struct eng_bfd *b, bool down);
/* Brings elided periodic packets up to now (before anything changes). */
void eng_bfd_wake(struct eng *e, struct eng_bfd *b);
/* The one transition function: every state change goes through it. */
void eng_bfd_set_state(struct eng *e, struct eng_bfd *b, uint8_t state, uint8_t diag);
uint64_t eng_bfd_detect_time_us(const struct eng_bfd *b);

/* ---- bgp.c: the BGP FSM (RFC 4271 8) ----------------------------------------------- */

enum eng_bgp_event {
	ENG_BGP_MANUAL_START = 1,
	ENG_BGP_MANUAL_STOP = 2,
	ENG_BGP_AUTOMATIC_START = 3,
	ENG_BGP_AUTOMATIC_START_PASSIVE = 5,
	ENG_BGP_CONNECT_RETRY_EXPIRES = 9,
	ENG_BGP_HOLD_EXPIRES = 10,
	ENG_BGP_KEEPALIVE_EXPIRES = 11,
	ENG_BGP_TCP_CR_ACKED = 16,
	ENG_BGP_TCP_CONFIRMED = 17,
	ENG_BGP_TCP_FAILS = 18,
	ENG_BGP_OPEN = 19,
	ENG_BGP_OPEN_ERR = 22,
	ENG_BGP_NOTIF = 25,
	ENG_BGP_KEEPALIVE = 26,
	ENG_BGP_UPDATE = 27,
	/* not in RFC 4271: the BFD session protecting this one went down
	 * (RFC 5882 4.3), the interface lost carrier, the peer exceeded
	 * maximum-prefix */
	ENG_BGP_BFD_DOWN = 100,
	ENG_BGP_CARRIER_DOWN = 101,
	ENG_BGP_MAX_PREFIX = 102,
	ENG_BGP_ADMIN_RESET = 103, /* "clear bgp": NOTIFICATION Cease, then restart */
};

/* Why a session is not (or no longer) established. */
/* Why a session is not (or no longer) established; a larger value is
 * the more telling reason. */
enum eng_bgp_error {
	ENG_BGP_ERR_NONE,
	ENG_BGP_ERR_NO_CONNECTION, /* TCP never connected (link down, MD5 mismatch) */
	ENG_BGP_ERR_PEER_NOTIFICATION,
	ENG_BGP_ERR_BAD_PEER_AS,
	ENG_BGP_ERR_BAD_HOLD,
	ENG_BGP_ERR_MAX_PREFIX,
};

struct eng_bgp {
	uint32_t stamp;
	struct eng_circuit *c;
	struct eng_bgp *peer;
	struct eng_adj *adj; /* this side's adjacency over the session */
	struct eng_bfd *bfd; /* this side's BFD endpoint */
	const char *name;    /* "cpe1-up@cpe1" */
	bool is_cpe, passive, alive, configured;
	uint8_t state; /* enum ecrc_engine_bgp_state */
	/* configuration */
	uint32_t local_as, remote_as, bgp_id, address;
	uint32_t hold_cfg_s, keepalive_cfg_s;
	bool md5;
	uint32_t max_prefixes; /* 0: no limit */
	/* session */
	uint32_t hold_s, keepalive_s; /* negotiated */
	uint32_t conn;                /* TCP connection generation in use, 0 none */
	struct eng_timer connect_retry, hold, keepalive, idle_hold;
	uint32_t idle_hold_s;       /* grows on repeated failures (RFC 4271 8.1.1) */
	uint64_t next_keepalive_us; /* the next KEEPALIVE due (also when elided) */
	struct eng_prng prng;       /* keepalive jitter (RFC 4271 10) */
	uint64_t last_rx_us;        /* last KEEPALIVE or UPDATE received */
	bool steady;
	bool shutdown; /* stays down until cleared (maximum-prefix without restart) */
	/* maximum-prefix that recovers (the IR's max_prefix_*): the session
	 * starts again this long after the limit tore it down */
	bool max_prefix_recovers;
	uint32_t max_prefix_restart_s;
	uint32_t restart_after_s; /* the next Idle waits this long (0: the usual IdleHoldTime) */
	uint8_t error;            /* enum eng_bgp_error: the last reason */
	char error_detail[128];
	/* times this side left Established, and how it learned the last time */
	uint32_t flaps;
	char flap_detail[128];
	/* drill measurement */
	uint8_t down_by; /* enum ecrc_engine_detect */
	uint64_t down_at;
};

void eng_bgp_event(struct eng *e, struct eng_bgp *b, enum eng_bgp_event ev, const struct eng_bgp_msg *msg);
void eng_bgp_rx(struct eng *e, struct eng_bgp *b, const struct eng_bgp_msg *msg);
void eng_bgp_deliver(struct eng *e, const struct eng_event *ev); /* a message arrives at ev->obj */
void eng_bgp_init_timers(struct eng_bgp *b);
/* The one transition function. */
void eng_bgp_set_state(struct eng *e, struct eng_bgp *b, uint8_t state);
void eng_bgp_send_update(struct eng *e, struct eng_bgp *b, uint32_t prefix, const struct eng_attrs *attrs);
void eng_bgp_wake(struct eng *e, struct eng_bgp *b);
void eng_bgp_stop(struct eng *e, struct eng_bgp *b); /* the system stopped */

/* ---- the simulated network (cloud.c) ---------------------------------------------------- */

enum eng_router_kind { ENG_R_CPE, ENG_R_VBR, ENG_R_ECR, ENG_R_TR, ENG_R_VPC };

struct eng_router {
	uint32_t stamp;
	enum eng_router_kind kind;
	const char *id;
	uint32_t index;
	uint32_t asn;
	uint32_t router_id;
	uint32_t max_paths; /* 0: no limit */
	uint16_t region;    /* region index + 1, 0: none (CPE, ECR) */
	bool alive;
	struct eng_adj **adjs;
	size_t n_adjs, cap_adjs;
	struct eng_rib rib;
	const struct eng_decision_table *decision;
	const struct ecrc_ir_cpe *ir;      /* CPE */
	const struct ecrc_engine_vbr *vbr; /* VBR */
	const struct ecrc_engine_vpc *vpc; /* VPC */
	struct eng_adj *upstream;          /* VBR: its ECR or TR */
	uint32_t dc;                       /* CPE: index of its data center */
	bool has_ecr;                      /* TR: an ECR is connected (default 5000 reject) */
	const struct ecrc_engine_route_policy **policies;
	size_t n_policies; /* TR, by priority */
};

enum eng_adj_type { ENG_ADJ_EBGP, ENG_ADJ_CLOUD };

/* An allowed prefix of an ECR-TR association: the TR advertises it to the
 * ECR instead of the specific routes inside it, while any is present. */
struct eng_aggregate {
	uint32_t stamp;
	uint32_t prefix;
	uint32_t contributors;
};

struct eng_adj {
	uint32_t stamp;
	uint32_t index; /* within self->adjs */
	enum eng_adj_type type;
	struct eng_router *self, *peer;
	struct eng_adj *reverse;
	enum ecrc_engine_attach peer_kind;  /* what the peer is, as a TR attachment */
	struct eng_circuit *circuit;        /* eBGP */
	struct eng_bgp *bgp;                /* eBGP: this side's half */
	const struct ecrc_ir_neighbor *nbr; /* CPE side: the IR neighbor */
	uint32_t accepted;                  /* prefixes accepted (maximum-prefix, route quota) */
	struct eng_aggregate *aggs;
	size_t n_aggs; /* TR -> ECR with allowed prefixes */
};

struct eng_link {
	uint32_t stamp;
	const char *id;
	bool up;
	struct eng_circuit **circuits;
	size_t n_circuits, cap_circuits;
};

struct eng_circuit {
	uint32_t stamp;
	uint32_t index;
	const char *uplink_id;
	struct eng_link *link;
	struct eng_router *cpe, *vbr;
	struct eng_adj *cpe_adj, *vbr_adj;
	struct eng_bgp cpe_bgp, vbr_bgp;
	struct eng_bfd cpe_bfd, vbr_bfd;
	uint32_t conn_gen; /* TCP connections made so far */
	const struct ecrc_ir_neighbor *nbr;
};

/* The processing delay of a router of this kind (opt.hop_delay). */
uint64_t eng_hop_delay(const struct eng *e, enum eng_router_kind kind);

/* Whether a message sent now from `from`'s side reaches the other side. */
bool eng_circuit_delivers(const struct eng_circuit *c);

struct eng_region {
	const char *id;
};

struct eng_idmap_slot {
	const char *key;
	void *value;
};

struct eng_idmap {
	struct eng_idmap_slot *slots;
	size_t cap, n;
};

/* A data center prefix (or VPC CIDR) reachable in the converged state,
 * which a drill of this data center checks again. */
struct eng_pair {
	uint32_t prefix;
	bool to_dc;             /* from a VPC to a DC prefix; else from the DC to a VPC CIDR */
	struct eng_router *vpc; /* to_dc */
};

struct eng_dc {
	const struct ecrc_engine_dc *m;
	struct eng_router **cpes;
	size_t n_cpes;
	struct eng_pair *pairs;
	size_t n_pairs; /* grouped by prefix; NULL until a drill needs them */
	bool pairs_ready;
};

struct eng_undo_rec {
	void *obj;
	size_t size;
	size_t off; /* into the undo data */
};

/* A RIB entry a drill changed: rec is the undo record of its saved copy,
 * followed by the records of its paths and Adj-RIB-Out arrays. */
struct eng_touched {
	struct eng_router *router;
	struct eng_rib_entry *entry;
	size_t rec;
};

struct eng {
	struct ecrc_engine_options opt;
	const struct ecrc_engine_model *model;
	struct ecrc_arena *arena; /* routers, adjacencies, RIB entries, attributes: freed as a whole */
	uint64_t now;
	uint64_t seq;
	uint64_t events;
	/* event queue: a binary heap by (time, seq), and beside it a FIFO of
	 * the events queued for the current instant (most of them with zero
	 * delays), which come after every heap event of that instant */
	struct eng_event *heap;
	size_t n_heap, cap_heap;
	struct eng_event *fifo;
	size_t fifo_head, fifo_tail, cap_fifo;
	/* prefixes */
	struct ecrc_ipnet *prefixes;
	size_t n_prefixes, cap_prefixes;
	uint32_t *prefix_slots;
	size_t cap_prefix_slots; /* id + 1, 0 empty */
	uint64_t len_mask;       /* bit n: some prefix of length n exists */
	/* interned AS paths and attributes */
	struct eng_aspath **aspath_slots;
	size_t cap_aspath_slots, n_aspaths;
	struct eng_attrs **attr_slots;
	size_t cap_attr_slots, n_attrs;
	const struct eng_aspath *empty_path;
	/* the network */
	struct eng_router **routers;
	size_t n_routers, cap_routers;
	struct eng_router **vpcs;
	size_t n_vpcs; /* the VPC route tables among them */
	struct eng_circuit **circuits;
	size_t n_circuits, cap_circuits;
	struct eng_link **links;
	size_t n_links, cap_links;
	struct eng_region *regions;
	size_t n_regions;
	struct eng_dc *dcs;
	size_t n_dcs;
	struct eng_idmap router_ids, link_ids, circuit_ids;
	/* the converged state */
	bool converged;
	uint64_t converge_events;
	/* measurement, reset for each run */
	uint64_t last_change; /* last forwarding or session change */
	uint64_t fib_gen;     /* counts forwarding changes (drills watch reachability by it) */
	/* drills: undo log */
	bool recording;
	uint32_t epoch;
	struct eng_undo_rec *undo;
	size_t n_undo, cap_undo;
	unsigned char *undo_data;
	size_t undo_len, undo_cap;
	struct eng_touched *touched;
	size_t n_touched, cap_touched;
	bool drill_recovered;       /* an affected session came back */
	uint64_t drill_failover_at; /* last forwarding change before that */
	/* reachability walks (drill.c) */
	struct eng_walk *walk_memo;
	size_t cap_walk_memo;
	uint32_t walk_gen;
	uint32_t *walk_circuits;
	size_t n_walk_circuits, cap_walk_circuits;
	/* scratch for queries */
	const char **scratch_names;
	size_t cap_scratch_names;
	char scratch_path[256], scratch_path2[256];
	char trace_buf[512];
};

/* A reachability walk's memo for one router. */
struct eng_walk {
	uint32_t gen;
	uint8_t state; /* 1: in progress, 2: done */
	bool reach, hole;
	size_t c_off, c_len; /* its circuits in eng.walk_circuits */
};

struct eng *eng_of(struct ecrc_engine *E);
struct eng_router *eng_router_find(const struct eng *e, const char *id);
/* A router's entry for a prefix with a best path: exact, or longest match. */
struct eng_rib_entry *eng_lookup(const struct eng *e, struct eng_router *r, struct ecrc_ipnet p, bool lpm);
/* The entry's forwarding set as sorted router ids (engine scratch). */
size_t eng_next_hops(struct eng *e, const struct eng_rib_entry *en, const char ***out);
void *eng_idmap_get(const struct eng_idmap *m, const char *key);
/* A forwarding change: the measurement of convergence. */
void eng_fib_changed(struct eng *e);

/* Per router kind (cloud.c): what a router advertises over an adjacency
 * for an entry, and whether it accepts a route. */
const struct eng_attrs *eng_export(struct eng *e, struct eng_router *r, struct eng_rib_entry *en,
                                   struct eng_adj *to, struct eng_path *meta);
bool eng_import(struct eng *e, struct eng_router *r, struct eng_adj *from, uint32_t prefix,
                const struct eng_attrs *attrs, bool new_prefix);
bool eng_adj_is_up(const struct eng_adj *a);
/* TR: the allowed-prefix aggregates an entry contributes to changed. */
void eng_tr_aggregates(struct eng *e, struct eng_router *tr, struct eng_rib_entry *en);
int eng_build(struct eng *e, const struct ecrc_engine_model *m, char *err, size_t errlen);

#endif
