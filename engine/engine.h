/*
 * engine.h: the reference BGP/BFD engine. A deterministic discrete-event
 * simulation of the CPE-to-VBR sessions (BGP per RFC 4271, BFD per RFC
 * 5880/5881) and of the Alibaba Cloud side (VBR, ECR, transit router, VPC
 * route tables), fed with the compiled CPE IR and a small cloud model.
 *
 * The engine knows neither XML nor vendors: its inputs are the CPE IR
 * (emit/emit.h) and the structs of "the cloud model" below, which the
 * verify library (verify/model.c) builds from a design. Time is virtual (a
 * clock in microseconds), randomness comes from a seeded PRNG; both are set
 * through struct ecrc_engine_options, so every run replays exactly.
 *
 * Use: ecrc_engine_new(), ecrc_engine_converge(), then the queries
 * (sessions, routes, reachability) and any number of drills; each drill
 * starts from the converged state and leaves it as it found it.
 *
 * The second half of this header ("internals") is for the engine's own files and the
 * engine's unit tests only.
 */
#ifndef ECRC_ENGINE_H
#define ECRC_ENGINE_H

#include "common/common.h"
#include "emit/emit.h"

/* ===================================================================
 * The cloud model: what the engine needs besides the CPE IR
 * =================================================================== */

/* One side's BFD configuration (RFC 5880 6.8.1: bfd.DesiredMinTxInterval,
 * bfd.RequiredMinRxInterval, bfd.DetectMult). */
struct ecrc_engine_bfd {
	bool enabled;
	uint32_t min_tx_ms, min_rx_ms, multiplier;
};

struct ecrc_engine_vbr {
	const char *id;
	const char *connection_id;   /* the physical connection it rides */
	const char *region_id;
	uint32_t local_asn;          /* the ASN it speaks (its ECR's when associated) */
	uint32_t local_address;      /* its interface address, also its BGP identifier */
	uint32_t peer_address;       /* the CPE's address */
	bool bgp;                    /* routing bgp with a <bgp-peer> */
	uint32_t peer_asn;
	uint32_t keepalive_s, hold_s;
	bool md5;                    /* the BGP group has a key */
	struct ecrc_engine_bfd bfd;
	uint32_t route_quota;        /* routes one BGP peer may advertise (110) */
	const char *ecr_id;          /* the associated ECR, or NULL */
};

struct ecrc_engine_ecr {
	const char *id;
	uint32_t asn;
};

/* An ECR's <associate transit-router=>, with the allowed prefixes that
 * replace the specific routes the TR advertises to the ECR. */
struct ecrc_engine_ecr_tr {
	const char *ecr_id, *tr_id;
	const struct ecrc_ipnet *allowed; size_t n_allowed;
};

/* An ECR's <associate vpc=>. */
struct ecrc_engine_ecr_vpc {
	const char *ecr_id, *vpc_id;
};

enum ecrc_engine_attach {
	ECRC_ENGINE_ATT_ANY,
	ECRC_ENGINE_ATT_ECR,
	ECRC_ENGINE_ATT_VBR,
	ECRC_ENGINE_ATT_VPN,
	ECRC_ENGINE_ATT_CCN,
	ECRC_ENGINE_ATT_VPC,
};

/* A transit router's <attach>: VPC and VBR attachments carry routes in
 * the engine; VPN and CCN ones only matter to route policies. */
struct ecrc_engine_tr_attach {
	const char *tr_id;
	enum ecrc_engine_attach kind;
	const char *target_id;
};

struct ecrc_engine_route_policy {
	const char *tr_id;
	bool region_out;             /* else region-in */
	uint32_t priority;           /* 1..100, smaller wins */
	bool permit;
	enum ecrc_engine_attach source, destination;
};

struct ecrc_engine_tr {
	const char *id;
	const char *region_id;
};

struct ecrc_engine_vpc {
	const char *id;
	const char *region_id;
	const struct ecrc_ipnet *cidrs; size_t n_cidrs; /* primary first */
};

/* A data center: its prefixes and CPEs, for reachability. */
struct ecrc_engine_dc {
	const char *id;
	const struct ecrc_ipnet *prefixes; size_t n_prefixes;
	const char *const *cpe_ids; size_t n_cpes;
};

struct ecrc_engine_model {
	const struct ecrc_ir_cpe *const *cpes; size_t n_cpes;
	const struct ecrc_engine_dc *dcs; size_t n_dcs;
	const struct ecrc_engine_vbr *vbrs; size_t n_vbrs;
	const struct ecrc_engine_ecr *ecrs; size_t n_ecrs;
	const struct ecrc_engine_ecr_tr *ecr_trs; size_t n_ecr_trs;
	const struct ecrc_engine_ecr_vpc *ecr_vpcs; size_t n_ecr_vpcs;
	const struct ecrc_engine_tr *trs; size_t n_trs;
	const struct ecrc_engine_tr_attach *tr_attaches; size_t n_tr_attaches;
	const struct ecrc_engine_route_policy *policies; size_t n_policies;
	const struct ecrc_engine_vpc *vpcs; size_t n_vpcs;
};

/* ===================================================================
 * Options: time and randomness are injected here
 * =================================================================== */

struct ecrc_engine_options {
	uint64_t seed;               /* PRNG seed (BFD jitter, drill instants); default 1 */
	uint64_t start_us;           /* the virtual clock at the start; default 0 */
	uint64_t hop_delay_us;       /* per-hop UPDATE processing delay; default 0 */
	uint64_t link_delay_us;      /* one-way delay on a circuit; default 0 */
	uint64_t converge_limit_us;  /* stop converging after this long; default 300 s */
	/* Every periodic packet as its own event instead of the steady-state
	 * shortcut (see "Elision" in docs/engine.md). Slower; the results are
	 * the same, which a test checks. */
	bool no_elision;
	/* The event timeline, one line per state transition or message of
	 * note (NULL: none). `line` has no newline. */
	void (*trace)(void *ctx, uint64_t time_us, const char *line);
	void *trace_ctx;
};

void ecrc_engine_options_init(struct ecrc_engine_options *o);

/* ===================================================================
 * The public API
 * =================================================================== */

struct ecrc_engine;

/* Builds the simulation from the model (copies nothing the model owns: the
 * model and the IR must outlive the engine). Returns NULL with a message in
 * err when the model is inconsistent (an unknown id, a duplicate). */
struct ecrc_engine *ecrc_engine_new(const struct ecrc_engine_model *m, const struct ecrc_engine_options *opt,
				    char *err, size_t errlen);
void ecrc_engine_free(struct ecrc_engine *e);

/* Runs from the start until nothing is left to happen (or the converge
 * limit). Returns the virtual time of the last forwarding or session
 * change, relative to the start. Call once, before any query or drill. */
uint64_t ecrc_engine_converge(struct ecrc_engine *e);
/* Events processed so far in the convergence (a measure of work). */
uint64_t ecrc_engine_converge_events(const struct ecrc_engine *e);

/* ---- sessions ----------------------------------------------------------- */

enum ecrc_engine_bgp_state {
	ECRC_BGP_IDLE,
	ECRC_BGP_CONNECT,
	ECRC_BGP_ACTIVE,
	ECRC_BGP_OPENSENT,
	ECRC_BGP_OPENCONFIRM,
	ECRC_BGP_ESTABLISHED,
};

/* RFC 5880 4.1 state values. */
enum ecrc_engine_bfd_state {
	ECRC_BFD_ADMIN_DOWN = 0,
	ECRC_BFD_DOWN = 1,
	ECRC_BFD_INIT = 2,
	ECRC_BFD_UP = 3,
};

const char *ecrc_engine_bgp_state_name(enum ecrc_engine_bgp_state s); /* "Established" */
const char *ecrc_engine_bfd_state_name(enum ecrc_engine_bfd_state s); /* "Up" */

/* One circuit: the CPE uplink's BGP session with its VBR and the BFD
 * session protecting it. */
struct ecrc_engine_session_info {
	const char *uplink_id, *cpe_id, *vbr_id, *connection_id;
	enum ecrc_engine_bgp_state cpe_state, vbr_state;
	bool established;            /* both sides Established */
	const char *reason;          /* why not, or NULL ("bad peer AS in OPEN: ...") */
	uint32_t hold_s;             /* negotiated (RFC 4271 4.2); 0 = no hold timer */
	uint32_t cpe_keepalive_s, vbr_keepalive_s;
	bool bfd_cpe, bfd_vbr;       /* BFD configured on that side */
	enum ecrc_engine_bfd_state bfd_cpe_state, bfd_vbr_state;
	/* Valid when both sides run BFD: the negotiated transmit interval
	 * of each side and the detection time each side applies (RFC 5880
	 * 6.8.2, 6.8.4), from the configured values. */
	uint32_t cpe_tx_ms, vbr_tx_ms;
	uint32_t cpe_detect_ms, vbr_detect_ms;
	/* Since the start (queried after the convergence: while converging):
	 * how often the BGP session left Established and BFD left Up, on the
	 * side that did so more often, and why the BGP session went down the
	 * last time ("hold timer expired on vbr-1: cpe1 sends no KEEPALIVEs"),
	 * NULL when it never did. */
	uint32_t bgp_flaps, bfd_flaps;
	const char *flap_reason;
};

size_t ecrc_engine_n_sessions(const struct ecrc_engine *e);
void ecrc_engine_session(const struct ecrc_engine *e, size_t i, struct ecrc_engine_session_info *out);

/* ---- routes ----------------------------------------------------------------- */

/* A router's route for a prefix: the forwarding set (ECMP next hops, by
 * router id, sorted) and the best path's AS_PATH. Strings and the array
 * belong to the engine and stay valid until the next call that fills a
 * struct ecrc_engine_route. */
struct ecrc_engine_route {
	const char *router;
	struct ecrc_ipnet prefix;    /* the route's own prefix */
	bool present;
	bool local;                  /* originated here (a CPE's anchor, a VPC's CIDR) */
	const char **next_hops; size_t n_next_hops;
	const char *as_path;         /* "65003", "" when empty */
	/* When the best is local: a route for it learned over BGP anyway (a
	 * CPE that hears its own prefix back), or NULL. */
	const char *learned_via;
	const char *learned_as_path;
};

/* Looks up `prefix` in a router's table: exactly, or by longest match.
 * Returns false when the router does not exist. */
bool ecrc_engine_route(struct ecrc_engine *e, const char *router, struct ecrc_ipnet prefix, bool longest_match,
		       struct ecrc_engine_route *out);

/* ---- reachability (data plane) ---------------------------------------------- */

/* Follows the forwarding tables hop by hop from a VPC towards a data
 * center prefix (or from a data center's CPEs towards a VPC CIDR), over
 * circuits that are up and routers that are alive. */
struct ecrc_engine_reach {
	bool reachable;              /* some path arrives, and none ends in a black hole */
	bool blackholed;             /* some ECMP branch ends at a dead circuit or no route */
	size_t n_circuits;           /* distinct circuits the arriving paths use */
};

bool ecrc_engine_reach_dc(struct ecrc_engine *e, const char *vpc_id, struct ecrc_ipnet dc_prefix,
			  struct ecrc_engine_reach *out);
bool ecrc_engine_reach_vpc(struct ecrc_engine *e, const char *dc_id, struct ecrc_ipnet vpc_cidr,
			   struct ecrc_engine_reach *out);

/* ---- drills --------------------------------------------------------------------- */

enum ecrc_engine_failure_kind {
	ECRC_FAIL_SILENT,    /* a physical connection drops everything, carrier stays up */
	ECRC_FAIL_CARRIER,   /* a physical connection goes down: both ends notice at once */
	ECRC_FAIL_CPE_DOWN,  /* a CPE stops entirely */
	ECRC_FAIL_BGP_RESET, /* a CPE resets one uplink's session (NOTIFICATION Cease) */
};

const char *ecrc_engine_failure_kind_name(enum ecrc_engine_failure_kind k); /* "silent" */

struct ecrc_engine_failure {
	enum ecrc_engine_failure_kind kind;
	const char *target;          /* connection id, CPE id, or uplink id (bgp-reset) */
};

enum ecrc_engine_detect {
	ECRC_DETECT_NONE,            /* not detected within the drill */
	ECRC_DETECT_BFD,
	ECRC_DETECT_HOLD_TIMER,
	ECRC_DETECT_CARRIER,
	ECRC_DETECT_NOTIFICATION,    /* the peer said so (reset, maximum-prefix, ...) */
	ECRC_DETECT_STOPPED,         /* this side is the CPE that stopped */
};

const char *ecrc_engine_detect_name(enum ecrc_engine_detect d); /* "bfd", "hold-timer", ... */

#define ECRC_ENGINE_NEVER UINT64_MAX

/* How one side of one affected session learned of the failure. Times are
 * from the failure instant. bound and best are the RFC arithmetic: the
 * latest and the earliest this side can detect the failure whatever the
 * jitter and the phase of the timers; ECRC_ENGINE_NEVER when nothing would
 * (no BFD and a hold time of 0). */
struct ecrc_engine_detection {
	const char *uplink_id;
	const char *side;            /* "cpe" or "vbr" */
	const char *router;          /* the CPE or VBR id */
	enum ecrc_engine_detect by;
	uint64_t detect_us;          /* ECRC_ENGINE_NEVER when not detected */
	uint64_t bound_us, best_us;
};

struct ecrc_engine_drill_route {
	const char *router;
	struct ecrc_ipnet prefix;
	const char **next_hops; size_t n_next_hops; /* empty: no route any more */
};

struct ecrc_engine_drill_reach {
	const char *from;            /* VPC id (towards a DC prefix) or DC id (towards a VPC) */
	struct ecrc_ipnet prefix;
	bool to_dc;                  /* VPC -> data center prefix; else DC -> VPC CIDR */
	struct ecrc_engine_reach reach;
};

struct ecrc_engine_drill_result {
	uint64_t fail_at_us;         /* virtual instant of the failure */
	/* The first detection on any side, and the worst case over all
	 * affected sides (the RFC 5880 bound, or the hold time). */
	enum ecrc_engine_detect detected_by;
	const char *detected_side;   /* "cpe" or "vbr", NULL when none */
	uint64_t detect_us;          /* ECRC_ENGINE_NEVER when none */
	uint64_t detect_bound_us;    /* ECRC_ENGINE_NEVER when unbounded */
	uint64_t detect_best_us;
	/* From the failure to the last forwarding change. */
	uint64_t converged_us;
	/* From the failure until no forwarding entry leads into a failed
	 * element any more (for a reset: until the withdrawal settled, before
	 * the session came back); ECRC_ENGINE_NEVER when it never happened. */
	uint64_t failover_us;
	/* Every data center prefix (from each VPC with a route for it) and
	 * every VPC CIDR (from the data center) of the data centers the
	 * failures touch, that was reachable before: still reachable? */
	bool reachable;
	uint64_t events;             /* events processed by this drill */
	struct ecrc_engine_detection *detections; size_t n_detections;
	struct ecrc_engine_drill_route *routes; size_t n_routes; /* forwarding entries that changed */
	struct ecrc_engine_drill_reach *reach; size_t n_reach; /* grouped by prefix */
};

/* Runs one drill: the failures happen together at an instant after the
 * converged state (drawn from the seed and the drill's targets), the
 * simulation runs until it settles, the result is measured, and the
 * engine is put back into the converged state. Returns 0, or -1 with a
 * message in err for an unknown target. */
int ecrc_engine_drill(struct ecrc_engine *e, const struct ecrc_engine_failure *f, size_t n,
		      struct ecrc_engine_drill_result *out, char *err, size_t errlen);
void ecrc_engine_drill_result_free(struct ecrc_engine_drill_result *r);

/* ---- for the FRR lab: one circuit's predicted numbers --------------------------
 *
 * ecrc_engine_predict_circuit() runs a silent failure of one physical
 * connection (as ecrc_engine_drill does) and returns what `ecrc lab`
 * compares with its FRR measurements:
 *   detect_us        the simulated time to the first detection (this seed),
 *   detect_bound_us  the worst case by RFC 5880 arithmetic (the negotiated
 *                    hold time without BFD), the larger of both sides,
 *   detect_best_us   the best case (detection time less one transmit
 *                    interval of the silent side; hold less keepalive),
 *   converged_us     the simulated time to the last forwarding change,
 * and the same per side (cpe, vbr) for the first session on the circuit.
 * Returns 0, or -1 with a message in err (unknown connection). */
struct ecrc_engine_prediction {
	uint64_t detect_us, detect_bound_us, detect_best_us, converged_us;
	struct ecrc_engine_detection cpe, vbr;
};

int ecrc_engine_predict_circuit(struct ecrc_engine *e, const char *connection_id,
				struct ecrc_engine_prediction *out, char *err, size_t errlen);

/* The RFC timer arithmetic (BFD intervals and detection times, BGP hold
 * and keepalive) is in common/common.h, shared with lint. */

/* ===================================================================
 * Internals: for the engine's own files and its unit tests only
 * =================================================================== */

struct eng;                      /* = struct ecrc_engine */
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

enum eng_timer_kind {
	ENG_T_BFD_TX,
	ENG_T_BFD_DETECT,
	ENG_T_BGP_CONNECT_RETRY,
	ENG_T_BGP_HOLD,
	ENG_T_BGP_KEEPALIVE,
	ENG_T_BGP_IDLE_HOLD,
};

/* A restartable timer. Arming it later than an event already queued for it
 * costs nothing: the event re-queues itself at the new deadline when it
 * fires (the lazy timer of many BGP daemons). */
struct eng_timer {
	uint64_t deadline;
	uint64_t queued_at;
	uint32_t gen;
	uint8_t kind;                /* enum eng_timer_kind */
	bool armed, queued;
	void *owner;
};

struct eng_bfd_packet {
	uint8_t state, diag, detect_mult;
	bool poll, final;
	uint32_t my_discr, your_discr;
	uint32_t desired_min_tx_us, required_min_rx_us;
};

enum eng_bgp_msg_type {
	ENG_MSG_SYN,                 /* TCP: connection request */
	ENG_MSG_SYNACK,              /* TCP: accepted */
	ENG_MSG_RST,                 /* TCP: refused */
	ENG_MSG_OPEN,
	ENG_MSG_KEEPALIVE,
	ENG_MSG_NOTIFICATION,
	ENG_MSG_UPDATE,
};

struct eng_attrs;

struct eng_bgp_msg {
	uint8_t type;
	uint8_t code, subcode;       /* NOTIFICATION */
	uint32_t conn;               /* TCP connection generation */
	uint32_t my_as, bgp_id;      /* OPEN */
	uint32_t hold_s;             /* OPEN */
	uint32_t prefix;             /* UPDATE: prefix id */
	const struct eng_attrs *attrs; /* UPDATE: NULL = withdrawn */
};

/* A route handed over a cloud-internal adjacency. */
struct eng_route_msg {
	uint32_t prefix;
	const struct eng_attrs *attrs; /* NULL = withdrawn */
	uint32_t bgp_id;             /* the BGP identifier to compare at step 7 */
	uint32_t peer_addr;
	uint16_t region;
	bool ebgp, is_static;
};

enum eng_event_type {
	ENG_EV_TIMER,
	ENG_EV_BFD_RX,               /* obj: receiving BFD endpoint */
	ENG_EV_BGP_RX,               /* obj: receiving BGP half */
	ENG_EV_ROUTE,                /* obj: receiving adjacency */
};

struct eng_event {
	uint64_t time;
	uint64_t seq;
	uint8_t type;
	uint32_t gen;                /* timers: generation when queued */
	void *obj;
	union {
		struct eng_bfd_packet bfd;
		struct eng_bgp_msg bgp;
		struct eng_route_msg route;
	} u;
};

void eng_push(struct eng *e, const struct eng_event *ev); /* copies; sets seq */
bool eng_pop(struct eng *e, struct eng_event *out);      /* the earliest; false when empty */
void eng_timer_init(struct eng_timer *t, enum eng_timer_kind kind, void *owner);
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
void eng_save_extra(struct eng *e, void *ptr, size_t size); /* after eng_save returned true */
#define ENG_SAVE(e, obj) eng_save((e), (obj), sizeof(*(obj)), &(obj)->stamp)
void eng_undo_begin(struct eng *e);
void eng_undo_revert(struct eng *e);

/* ---- rib.c: prefixes, attributes, paths, the RIB ------------------------------- */

struct eng_aspath {
	uint32_t hash;
	uint32_t len;
	struct eng_aspath *next_in_bucket;
	uint32_t asn[];              /* leftmost (most recent) first */
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
	struct eng_adj *from;        /* NULL: originated by this router */
	const struct eng_attrs *attrs;
	uint32_t bgp_id;             /* BGP identifier of the advertising speaker */
	uint32_t peer_addr;          /* its address */
	uint16_t region;             /* region the route entered the cloud in (TR step) */
	bool ebgp;                   /* learned over eBGP (else internal or local) */
	bool is_static;              /* a static route (TR step "BGP over static") */
	bool in_fib;                 /* member of the forwarding (ECMP) set */
};

/* What this router last advertised over one adjacency (Adj-RIB-Out). */
struct eng_out {
	uint32_t adj;                /* adjacency index within the router */
	const struct eng_attrs *attrs;
};

struct eng_rib_entry {
	uint32_t stamp;
	uint32_t prefix;
	struct eng_path *paths; uint32_t n_paths, cap_paths;
	struct eng_out *out; uint32_t n_out, cap_out;
	int32_t best;                /* index into paths, -1: none */
	uint32_t n_fib;
	uint8_t contributing;        /* TR: counted towards allowed-prefix aggregates */
};

struct eng_rib {
	struct eng_rib_entry **slots; size_t cap;  /* open addressing by prefix id */
	struct eng_rib_entry **list; size_t n, cap_list; /* creation order */
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
};

struct eng_decision_table {
	const char *name;
	const struct eng_decision_step *steps; size_t n_steps;
	size_t multipath_steps;      /* the survivors of the first so many steps form the ECMP set */
};

extern const struct eng_decision_table eng_bgp_decision;  /* CPE, VBR, ECR */
extern const struct eng_decision_table eng_tr_decision;   /* transit router */
extern const struct eng_decision_table eng_vpc_decision;  /* VPC route table */

/* Runs the table over the candidates (in any order: the result does not
 * depend on it). Writes the index of the best into *best (-1 when n is
 * 0), marks paths[i].in_fib for the ECMP set (at most max_paths, 0 = no
 * limit, the best always in), and returns the number of the step that
 * separated the best from the rest (0 when there was one candidate). */
uint8_t eng_decide(const struct eng_decision_table *t, struct eng_path *paths, size_t n, uint32_t max_paths,
		   int32_t *best);

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
	struct eng_bfd *peer;        /* the other side's endpoint, NULL when it runs no BFD */
	struct eng_bgp *client;      /* the BGP session it protects (RFC 5882) */
	const char *name;            /* "cpe1-up@cpe1" */
	bool enabled, alive;
	/* RFC 5880 6.8.1 state variables */
	uint8_t state, remote_state, local_diag;
	uint32_t local_discr, remote_discr;
	uint32_t desired_min_tx_us, required_min_rx_us, remote_min_rx_us;
	uint32_t remote_desired_min_tx_us; /* from the last packet received */
	uint8_t detect_mult, remote_detect_mult;
	bool poll;                   /* a Poll Sequence is in progress */
	uint32_t config_tx_us, config_rx_us;
	struct eng_timer tx, detect;
	uint64_t next_tx_us;         /* the next periodic transmission */
	uint64_t last_rx_us;
	struct eng_prng prng;        /* this endpoint's jitter stream */
	bool steady;                 /* periodic packets elided (see bfd_quiesce) */
	uint32_t flaps;              /* times this endpoint went from Up to Down */
	/* drill measurement */
	uint64_t down_at;
};

void eng_bfd_init(struct eng *e, struct eng_bfd *b, struct eng_circuit *c, const char *name,
		  const struct ecrc_engine_bfd *cfg, uint64_t stream_seed);
void eng_bfd_start(struct eng *e, struct eng_bfd *b);
void eng_bfd_rx(struct eng *e, struct eng_bfd *b, const struct eng_bfd_packet *pkt);
void eng_bfd_timer(struct eng *e, struct eng_bfd *b, struct eng_timer *t);
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
	ENG_BGP_ADMIN_RESET = 103,   /* "clear bgp": NOTIFICATION Cease, then restart */
};

/* Why a session is not (or no longer) established. */
/* Why a session is not (or no longer) established; a larger value is
 * the more telling reason. */
enum eng_bgp_error {
	ENG_BGP_ERR_NONE,
	ENG_BGP_ERR_NO_CONNECTION,   /* TCP never connected (link down, MD5 mismatch) */
	ENG_BGP_ERR_PEER_NOTIFICATION,
	ENG_BGP_ERR_BAD_PEER_AS,
	ENG_BGP_ERR_BAD_HOLD,
	ENG_BGP_ERR_MAX_PREFIX,
};

struct eng_bgp {
	uint32_t stamp;
	struct eng_circuit *c;
	struct eng_bgp *peer;
	struct eng_adj *adj;         /* this side's adjacency over the session */
	struct eng_bfd *bfd;         /* this side's BFD endpoint */
	const char *name;            /* "cpe1-up@cpe1" */
	bool is_cpe, passive, alive, configured;
	uint8_t state;               /* enum ecrc_engine_bgp_state */
	/* configuration */
	uint32_t local_as, remote_as, bgp_id, address;
	uint32_t hold_cfg_s, keepalive_cfg_s;
	bool md5;
	uint32_t max_prefixes;       /* 0: no limit */
	/* session */
	uint32_t hold_s, keepalive_s; /* negotiated */
	uint32_t conn;               /* TCP connection generation in use, 0 none */
	struct eng_timer connect_retry, hold, keepalive, idle_hold;
	uint32_t idle_hold_s;        /* grows on repeated failures (RFC 4271 8.1.1) */
	uint64_t next_keepalive_us;  /* the next KEEPALIVE due (also when elided) */
	struct eng_prng prng;        /* keepalive jitter (RFC 4271 10) */
	uint64_t last_rx_us;         /* last KEEPALIVE or UPDATE received */
	bool steady;
	bool shutdown;               /* stays down until cleared (maximum-prefix) */
	uint8_t error;               /* enum eng_bgp_error: the last reason */
	char error_detail[128];
	/* times this side left Established, and how it learned the last time */
	uint32_t flaps;
	char flap_detail[128];
	/* drill measurement */
	uint8_t down_by;             /* enum ecrc_engine_detect */
	uint64_t down_at;
};

void eng_bgp_event(struct eng *e, struct eng_bgp *b, enum eng_bgp_event ev, const struct eng_bgp_msg *msg);
void eng_bgp_rx(struct eng *e, struct eng_bgp *b, const struct eng_bgp_msg *msg);
void eng_bgp_timer(struct eng *e, struct eng_bgp *b, struct eng_timer *t);
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
	uint32_t max_paths;          /* 0: no limit */
	uint16_t region;             /* region index + 1, 0: none (CPE, ECR) */
	bool alive;
	struct eng_adj **adjs; size_t n_adjs, cap_adjs;
	struct eng_rib rib;
	const struct eng_decision_table *decision;
	const struct ecrc_ir_cpe *ir;          /* CPE */
	const struct ecrc_engine_vbr *vbr;     /* VBR */
	const struct ecrc_engine_vpc *vpc;     /* VPC */
	struct eng_adj *upstream;              /* VBR: its ECR or TR */
	uint32_t dc;                           /* CPE: index of its data center */
	bool has_ecr;                          /* TR: an ECR is connected (default 5000 reject) */
	const struct ecrc_engine_route_policy **policies; size_t n_policies; /* TR, by priority */
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
	uint32_t index;              /* within self->adjs */
	enum eng_adj_type type;
	struct eng_router *self, *peer;
	struct eng_adj *reverse;
	enum ecrc_engine_attach peer_kind; /* what the peer is, as a TR attachment */
	struct eng_circuit *circuit; /* eBGP */
	struct eng_bgp *bgp;         /* eBGP: this side's half */
	const struct ecrc_ir_neighbor *nbr; /* CPE side: the IR neighbor */
	uint32_t accepted;           /* prefixes accepted (maximum-prefix, route quota) */
	struct eng_aggregate *aggs; size_t n_aggs; /* TR -> ECR with allowed prefixes */
};

struct eng_link {
	uint32_t stamp;
	const char *id;
	bool up;
	struct eng_circuit **circuits; size_t n_circuits, cap_circuits;
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
	uint32_t conn_gen;           /* TCP connections made so far */
	const struct ecrc_ir_neighbor *nbr;
};

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
	struct eng_idmap_slot *slots; size_t cap, n;
};

/* A data center prefix (or VPC CIDR) reachable in the converged state,
 * which a drill of this data center checks again. */
struct eng_pair {
	uint32_t prefix;
	bool to_dc;                  /* from a VPC to a DC prefix; else from the DC to a VPC CIDR */
	struct eng_router *vpc;      /* to_dc */
};

struct eng_dc {
	const struct ecrc_engine_dc *m;
	struct eng_router **cpes; size_t n_cpes;
	struct eng_pair *pairs; size_t n_pairs; /* grouped by prefix; NULL until a drill needs them */
	bool pairs_ready;
};

struct eng_undo_rec {
	void *obj;
	size_t size;
	size_t off;                  /* into the undo data */
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
	struct ecrc_arena *arena;    /* routers, adjacencies, RIB entries, attributes: freed as a whole */
	uint64_t now;
	uint64_t seq;
	uint64_t events;
	/* event queue: a binary heap by (time, seq), and beside it a FIFO of
	 * the events queued for the current instant (most of them with zero
	 * delays), which come after every heap event of that instant */
	struct eng_event *heap; size_t n_heap, cap_heap;
	struct eng_event *fifo; size_t fifo_head, fifo_tail, cap_fifo;
	/* prefixes */
	struct ecrc_ipnet *prefixes; size_t n_prefixes, cap_prefixes;
	uint32_t *prefix_slots; size_t cap_prefix_slots; /* id + 1, 0 empty */
	uint64_t len_mask;           /* bit n: some prefix of length n exists */
	/* interned AS paths and attributes */
	struct eng_aspath **aspath_slots; size_t cap_aspath_slots, n_aspaths;
	struct eng_attrs **attr_slots; size_t cap_attr_slots, n_attrs;
	const struct eng_aspath *empty_path;
	/* the network */
	struct eng_router **routers; size_t n_routers, cap_routers;
	struct eng_router **vpcs; size_t n_vpcs;   /* the VPC route tables among them */
	struct eng_circuit **circuits; size_t n_circuits, cap_circuits;
	struct eng_link **links; size_t n_links, cap_links;
	struct eng_region *regions; size_t n_regions;
	struct eng_dc *dcs; size_t n_dcs;
	struct eng_idmap router_ids, link_ids, circuit_ids;
	/* the converged state */
	bool converged;
	uint64_t converge_events;
	/* measurement, reset for each run */
	uint64_t last_change;        /* last forwarding or session change */
	/* drills: undo log */
	bool recording;
	uint32_t epoch;
	struct eng_undo_rec *undo; size_t n_undo, cap_undo;
	unsigned char *undo_data; size_t undo_len, undo_cap;
	struct eng_touched *touched; size_t n_touched, cap_touched;
	bool drill_recovered;        /* an affected session came back */
	uint64_t drill_failover_at;  /* last forwarding change before that */
	/* reachability walks (drill.c) */
	struct eng_walk *walk_memo; size_t cap_walk_memo;
	uint32_t walk_gen;
	uint32_t *walk_circuits; size_t n_walk_circuits, cap_walk_circuits;
	/* scratch for queries */
	const char **scratch_names; size_t cap_scratch_names;
	char scratch_path[256], scratch_path2[256];
	char trace_buf[512];
};

/* A reachability walk's memo for one router. */
struct eng_walk {
	uint32_t gen;
	uint8_t state;               /* 1: in progress, 2: done */
	bool reach, hole;
	size_t c_off, c_len;         /* its circuits in eng.walk_circuits */
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
