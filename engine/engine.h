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
 * This is the engine's public face (what verify and the lab call); its
 * internals are in engine/internal.h, for the engine's own files and its
 * unit tests only.
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
	const char *connection_id; /* the physical connection it rides */
	const char *region_id;
	uint32_t local_asn;     /* the ASN it speaks (its ECR's when associated) */
	uint32_t local_address; /* its interface address, also its BGP identifier */
	uint32_t peer_address;  /* the CPE's address */
	bool bgp;               /* routing bgp with a <bgp-peer> */
	uint32_t peer_asn;
	uint32_t keepalive_s, hold_s;
	bool md5; /* the BGP group has a key */
	struct ecrc_engine_bfd bfd;
	uint32_t route_quota; /* routes one BGP peer may advertise (110) */
	const char *ecr_id;   /* the associated ECR, or NULL */
};

struct ecrc_engine_ecr {
	const char *id;
	uint32_t asn;
};

/* An ECR's <associate transit-router=>, with the allowed prefixes that
 * replace the specific routes the TR advertises to the ECR. */
struct ecrc_engine_ecr_tr {
	const char *ecr_id, *tr_id;
	const struct ecrc_ipnet *allowed;
	size_t n_allowed;
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
	bool region_out;   /* else region-in */
	uint32_t priority; /* 1..100, smaller wins */
	bool permit;
	enum ecrc_engine_attach source, destination;
};

struct ecrc_engine_tr {
	const char *id;
	const char *region_id;
};

/* A VPC originates its system routes, one per vSwitch CIDR, never its
 * CIDR blocks (Alibaba, "Propagate routes to a transit router": "System
 * route of VPC ... propagated to transit router by default"). The front
 * end gives them; for a VPC written without vSwitches it gives one
 * placeholder per block and reports that as an assumption. */
struct ecrc_engine_vpc {
	const char *id;
	const char *region_id;
	const struct ecrc_ipnet *routes;
	size_t n_routes; /* the vSwitch CIDRs, in document order */
};

/* A data center: its prefixes and CPEs, for reachability. */
struct ecrc_engine_dc {
	const char *id;
	const struct ecrc_ipnet *prefixes;
	size_t n_prefixes;
	const char *const *cpe_ids;
	size_t n_cpes;
};

struct ecrc_engine_model {
	const struct ecrc_ir_cpe *const *cpes;
	size_t n_cpes;
	const struct ecrc_engine_dc *dcs;
	size_t n_dcs;
	const struct ecrc_engine_vbr *vbrs;
	size_t n_vbrs;
	const struct ecrc_engine_ecr *ecrs;
	size_t n_ecrs;
	const struct ecrc_engine_ecr_tr *ecr_trs;
	size_t n_ecr_trs;
	const struct ecrc_engine_ecr_vpc *ecr_vpcs;
	size_t n_ecr_vpcs;
	const struct ecrc_engine_tr *trs;
	size_t n_trs;
	const struct ecrc_engine_tr_attach *tr_attaches;
	size_t n_tr_attaches;
	const struct ecrc_engine_route_policy *policies;
	size_t n_policies;
	const struct ecrc_engine_vpc *vpcs;
	size_t n_vpcs;
};

/* ===================================================================
 * Options: time and randomness are injected here
 * =================================================================== */

/* How long a router of each kind takes to process a routing change and
 * pass it on (an UPDATE to a BGP peer, a route to a cloud neighbor): the
 * delay is added when it sends. The cloud's default, for the VBR, the ECR
 * and the transit router, is calibrated against FRR in `ecrc lab`, where
 * the ECR's route changed 115-130 ms after the VBR detected a failure
 * (docs/engine.md, "Per-hop processing delay"); the CPE and the VPC route
 * table pass nothing on that the drills measure: 0. */
#define ECRC_ENGINE_CLOUD_HOP_DELAY_US 120000u
struct ecrc_engine_hop_delay {
	uint64_t cpe_us, vbr_us, ecr_us, tr_us, vpc_us;
};

struct ecrc_engine_options {
	uint64_t seed;     /* PRNG seed (BFD jitter, drill instants); default 1 */
	uint64_t start_us; /* the virtual clock at the start; default 0 */
	/* per-hop processing delay by router kind; default: the cloud's
	 * calibrated ECRC_ENGINE_CLOUD_HOP_DELAY_US, 0 for CPEs and VPCs */
	struct ecrc_engine_hop_delay hop_delay;
	uint64_t link_delay_us;     /* one-way delay on a circuit; default 0 */
	uint64_t converge_limit_us; /* stop converging after this long; default 300 s */
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
	bool established;   /* both sides Established */
	const char *reason; /* why not, or NULL ("bad peer AS in OPEN: ...") */
	uint32_t hold_s;    /* negotiated (RFC 4271 4.2); 0 = no hold timer */
	uint32_t cpe_keepalive_s, vbr_keepalive_s;
	bool bfd_cpe, bfd_vbr; /* BFD configured on that side */
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
	struct ecrc_ipnet prefix; /* the route's own prefix */
	bool present;
	bool local; /* originated here (a CPE's anchor, a VPC's CIDR) */
	const char **next_hops;
	size_t n_next_hops;
	const char *as_path; /* "65003", "" when empty */
	/* When the best is local: a route for it learned over BGP anyway (a
	 * CPE that hears its own prefix back), or NULL. */
	const char *learned_via;
	const char *learned_as_path;
};

/* Looks up `prefix` in a router's table: exactly, or by longest match.
 * Returns false when the router does not exist. */
bool ecrc_engine_route(struct ecrc_engine *e, const char *router, struct ecrc_ipnet prefix,
                       bool longest_match, struct ecrc_engine_route *out);

/* ---- reachability (data plane) ---------------------------------------------- */

/* Follows the forwarding tables hop by hop from a VPC towards a data
 * center prefix (or from a data center's CPEs towards a VPC CIDR), over
 * circuits that are up and routers that are alive. */
struct ecrc_engine_reach {
	bool reachable;    /* some path arrives, and none ends in a black hole */
	bool blackholed;   /* some ECMP branch ends at a dead circuit or no route */
	size_t n_circuits; /* distinct circuits the arriving paths use */
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
	const char *target; /* connection id, CPE id, or uplink id (bgp-reset) */
};

enum ecrc_engine_detect {
	ECRC_DETECT_NONE, /* not detected within the drill */
	ECRC_DETECT_BFD,
	ECRC_DETECT_HOLD_TIMER,
	ECRC_DETECT_CARRIER,
	ECRC_DETECT_NOTIFICATION, /* the peer said so (reset, maximum-prefix, ...) */
	ECRC_DETECT_STOPPED,      /* this side is the CPE that stopped */
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
	const char *side;   /* "cpe" or "vbr" */
	const char *router; /* the CPE or VBR id */
	enum ecrc_engine_detect by;
	uint64_t detect_us; /* ECRC_ENGINE_NEVER when not detected */
	uint64_t bound_us, best_us;
};

struct ecrc_engine_drill_route {
	const char *router;
	struct ecrc_ipnet prefix;
	const char **next_hops;
	size_t n_next_hops; /* empty: no route any more */
};

struct ecrc_engine_drill_reach {
	const char *from; /* VPC id (towards a DC prefix) or DC id (towards a VPC) */
	struct ecrc_ipnet prefix;
	bool to_dc; /* VPC -> data center prefix; else DC -> VPC CIDR */
	struct ecrc_engine_reach reach;
};

struct ecrc_engine_drill_result {
	uint64_t fail_at_us; /* virtual instant of the failure */
	/* The first detection on any side, and the worst case over all
	 * affected sides (the RFC 5880 bound, or the hold time). */
	enum ecrc_engine_detect detected_by;
	const char *detected_side; /* "cpe" or "vbr", NULL when none */
	uint64_t detect_us;        /* ECRC_ENGINE_NEVER when none */
	uint64_t detect_bound_us;  /* ECRC_ENGINE_NEVER when unbounded */
	uint64_t detect_best_us;
	/* From the failure to the last forwarding change. */
	uint64_t converged_us;
	/* From the failure until no forwarding entry leads into a failed
	 * element any more: until the last data center/VPC pair that lost its
	 * path has a working one again (see outage_us), or, when none did, the
	 * last forwarding change (for a reset: before the session came back);
	 * ECRC_ENGINE_NEVER when it never happened. Includes the per-hop
	 * processing delay (options.hop_delay). */
	uint64_t failover_us;
	/* Reachability over time: the longest stretch during which some pair
	 * of reach[] (a VPC towards a data center prefix, or the data center
	 * towards a VPC CIDR) that worked before the failure had no working
	 * path (unreachable, or some ECMP branch black-holed), from the
	 * failure on; 0 when none broke; ECRC_ENGINE_NEVER when one never
	 * came back within the drill. Checked after every instant at which a
	 * forwarding entry changed. */
	uint64_t outage_us;
	/* Every data center prefix (from each VPC with a route for it) and
	 * every VPC CIDR (from the data center) of the data centers the
	 * failures touch, that was reachable before: still reachable? */
	bool reachable;
	uint64_t events; /* events processed by this drill */
	struct ecrc_engine_detection *detections;
	size_t n_detections;
	struct ecrc_engine_drill_route *routes;
	size_t n_routes; /* forwarding entries that changed */
	struct ecrc_engine_drill_reach *reach;
	size_t n_reach; /* grouped by prefix */
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

#endif
