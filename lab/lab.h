/*
 * lab.h: the FRR lab behind `ecrc lab`. It builds a design as Linux network
 * namespaces (one per CPE, VBR and ECR, a veth pair per circuit and per
 * VBR-ECR link), runs real FRR daemons in each (the CPEs with the frr
 * backend's output, the cloud side with configs generated here), reads the
 * sessions and routes back, drills every physical connection with a silent
 * failure (nftables drops, carrier up) and compares what it measured with
 * the reference engine's prediction for the same design.
 *
 * Everything the lab creates is registered in one cleanup list (processes
 * by pid, namespaces, directories) and removed on every exit path: normal
 * return, failure, timeout, SIGINT/SIGTERM/SIGHUP and exit() (atexit).
 * Every value that reaches a command line comes from the validated model or
 * from names generated here, and commands are run from argv arrays, never
 * through a shell.
 */
#ifndef ECRC_LAB_H
#define ECRC_LAB_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "emit/emit.h"
#include "lint/lint.h"
#include "verify/verify.h"

#define ECRC_LAB_POLL_MS 10

/* The FRR daemons every lab router runs, in start order. */
enum ecrc_lab_daemon { ECRC_LAB_ZEBRA, ECRC_LAB_STATICD, ECRC_LAB_BFDD, ECRC_LAB_BGPD, ECRC_LAB_N_DAEMONS };

enum ecrc_lab_role { ECRC_LAB_CPE, ECRC_LAB_VBR, ECRC_LAB_ECR };

struct ecrc_lab_vty;

/* One namespace with its FRR instance. */
struct ecrc_lab_router {
	enum ecrc_lab_role role;
	const char *id;             /* the model's id */
	char *name;                 /* netns name and FRR pathspace (-N): ecrc-<pid>-<id> */
	char *dir;                  /* private config and run directory: <base>/<name> */
	const struct ecrc_cpe *cpe; /* by role, the others NULL */
	const struct ecrc_vbr *vbr;
	const struct ecrc_ecr *ecr;
	uint32_t asn;
	uint32_t router_id;
	char *config;                  /* the FRR config it runs (malloc'd) */
	pid_t pid[ECRC_LAB_N_DAEMONS]; /* 0: not running */
	struct ecrc_lab_vty *vty[ECRC_LAB_N_DAEMONS];
};

/* One circuit: an uplink and the VBR it pairs with on one physical
 * connection, as a veth pair (with an 802.1Q sub-interface on each end
 * where the kernel has them). */
struct ecrc_lab_circuit {
	const struct ecrc_uplink *uplink;
	const struct ecrc_vbr *vbr;
	struct ecrc_lab_router *cpe_router, *vbr_router;
	/* Linux names (at most 15 characters, checked by the plan). */
	char cpe_port[40], vbr_port[40]; /* the veth ends */
	char cpe_if[40], vbr_if[40];     /* the layer 3 interfaces (port.vlan) */
	uint32_t cpe_addr, vbr_addr;     /* host byte order */
	uint8_t len;
	bool cpe_bfd, vbr_bfd; /* BFD configured on that side */
	const char *md5_key;   /* the CPE's key (from its IR), NULL without MD5 */
};

/* The link between a VBR and its ECR (iBGP: the VBR speaks the ECR's ASN). */
struct ecrc_lab_trunk {
	struct ecrc_lab_router *vbr_router, *ecr_router;
	char vbr_if[16], ecr_if[16];
	uint32_t vbr_addr, ecr_addr; /* a /30 in 100.64.0.0/10 that the design does not use */
};

/* A prefix one router originates (the ECR: the VPC CIDRs it reaches). */
struct ecrc_lab_origin {
	struct ecrc_lab_router *router;
	struct ecrc_ipnet prefix;
};

struct ecrc_lab {
	const struct ecrc_design *design;
	const struct ecrc_facts *facts;
	struct ecrc_arena *arena; /* owns the plan */
	char *base;               /* the run's temporary directory */
	bool vlan;                /* 802.1Q sub-interfaces (else plain veth ends) */
	bool vlan_probed;         /* a tagged circuit tried them */
	bool nft_netdev;          /* drops with netdev ingress+egress (else inet input/output/forward) */
	char frr_version[32];
	struct ecrc_lab_router *routers;
	size_t n_routers;
	struct ecrc_lab_circuit *circuits;
	size_t n_circuits;
	struct ecrc_lab_trunk *trunks;
	size_t n_trunks;
	struct ecrc_lab_origin *origins;
	size_t n_origins;
	const char **skipped;
	size_t n_skipped; /* what the lab does not emulate, one line each */
};

/* A router's route for a prefix, as FRR installed it or the engine predicts. */
struct ecrc_lab_route {
	const char *router;
	struct ecrc_ipnet prefix;
	const char **next_hops;
	size_t n_next_hops; /* VBR ids; "?" for an unknown address */
};

/* ---- the engine's prediction, per session, route and drill ------------- */

struct ecrc_lab_expect_session {
	const char *uplink;
	bool established;
	uint32_t hold_s, cpe_keepalive_s;
	bool bfd; /* on both sides */
	uint32_t cpe_detect_ms, vbr_detect_ms;
};

/* Times in ms; -1 where the engine says "never". */
struct ecrc_lab_expect_side {
	const char *detected_by; /* "bfd", "hold-timer", ... */
	int64_t detect_ms, best_ms, bound_ms;
};

struct ecrc_lab_expect_drill {
	const char *name;        /* the physical connection's id */
	const char *detected_by; /* how the first side detected it */
	int64_t detect_ms;       /* what the simulation produced (its seed) */
	int64_t detect_best_ms;  /* the earliest any side can detect it */
	int64_t detect_bound_ms; /* the worst case over the sides */
	int64_t converged_ms;
	struct ecrc_lab_expect_side cpe, vbr;
	/* Every route the lab reads (the subjects of ecrc_lab_expect.routes, in
	 * the same order) as the engine has it once the drill has settled,
	 * the failure still in place: no next hops where the route is gone. */
	struct ecrc_lab_route *routes_after;
	size_t n_routes_after;
};

/* Filled by ecrc_lab_predict, from its own arena. */
struct ecrc_lab_expect {
	struct ecrc_arena *arena; /* owns everything below; freed by ecrc_lab_expect_free */
	bool ok;                  /* the engine ran */
	char message[256];        /* why not, when !ok */
	uint64_t seed;
	struct ecrc_lab_expect_session *sessions;
	size_t n_sessions;
	struct ecrc_lab_route *routes;
	size_t n_routes;
	struct ecrc_lab_expect_drill *drills;
	size_t n_drills;
};

/* ---- what the lab observed ---------------------------------------------- */

struct ecrc_lab_session {
	const struct ecrc_lab_circuit *circuit;
	char cpe_state[24], vbr_state[24];     /* FRR's bgpState on each side */
	bool established;                      /* on both sides */
	uint32_t hold_s, keepalive_s;          /* negotiated, as the CPE's bgpd reports them */
	bool bfd;                              /* configured on both sides */
	char bfd_state[16];                    /* the CPE side's status */
	uint32_t cpe_detect_ms, vbr_detect_ms; /* from each bfdd's negotiated values */
};

struct ecrc_lab_drill {
	const char *name;                     /* the physical connection */
	const char *detected_by;              /* "bfd", "hold-timer" or NULL when not detected */
	int64_t cpe_detect_ms, vbr_detect_ms; /* -1: not seen */
	int64_t detect_ms;                    /* the first side's */
	int64_t converged_ms;                 /* until the last route lost the failed paths; -1: not seen */
	int64_t ecr_converged_ms;             /* the same for the ECRs' routes alone (the cloud's
	                                       * processing after the VBR's detection); -1: none */
	int64_t drop_ms;                      /* how long putting the drop in took (t0 is after it) */
	int64_t poll_max_ms;                  /* the longest polling round: the measurement's grain */
	int64_t recovered_ms;                 /* from restore until everything was back; -1: not back */
	const struct ecrc_lab_expect_drill *expect; /* NULL without a prediction */
	bool agrees;
	struct ecrc_lab_route *routes_after;
	size_t n_routes_after;
};

struct ecrc_lab_result {
	bool ok;
	struct ecrc_lab_session *sessions;
	size_t n_sessions;
	struct ecrc_lab_route *routes;
	size_t n_routes;
	struct ecrc_lab_drill *drills;
	size_t n_drills;
	/* "session", "ecmp-width", "route", "drill": verify's check records,
	 * every one kept, strings in checks.arena (owned by the result) */
	struct ecrc_verify_checks checks;
	char *error; /* the reason the run stopped early, or NULL */
};

struct ecrc_lab;

struct ecrc_lab_options {
	unsigned timeout_s;  /* the whole run; 0 = default */
	bool keep_going;     /* drill even when a session failed */
	bool quiet;          /* no progress lines on stderr */
	const char *frr_dir; /* the daemons' directory; NULL: /usr/lib/frr */
};

/* ---- proc.c: commands, the cleanup list, signals ----------------------- */

/* Installs the signal handlers and the atexit hook once; safe to repeat. */
void ecrc_lab_cleanup_init(void);
/* Set by SIGINT, SIGTERM and SIGHUP; 0 otherwise. */
int ecrc_lab_interrupted(void);
/* Remove everything registered, in order: daemons (SIGTERM, then SIGKILL
 * after 3 s; FRR's crash-log directory of each pid), namespaces, the
 * pathspace directories FRR created, the temporary directory. */
void ecrc_lab_cleanup(void);
void ecrc_lab_track_netns(const char *name);
void ecrc_lab_track_dir(const char *path);   /* removed recursively */
void ecrc_lab_track_rmdir(const char *path); /* removed only when empty */

/* ---- runstate.c: the record of each run, for cleaning up after dead ones --
 * Everything the track functions above register is also appended to the
 * run's file in the state directory (ECRC_LAB_STATE_DIR, default
 * /run/ecrc-lab), so that a run killed with SIGKILL can be cleaned up. */
const char *ecrc_lab_state_dir(void);
void ecrc_lab_record_netns(const char *name);
void ecrc_lab_record_dir(const char *path, bool recursive);
void ecrc_lab_record_daemon(pid_t pid, const char *exe);
/* After a complete cleanup: the run's file goes. */
void ecrc_lab_record_done(void);
/* Removes what runs whose process is gone left: their daemons (only a
 * process whose /proc/PID/exe is the recorded FRR binary, or any process
 * in their namespaces running a binary of frr_dir), namespaces (with their
 * nftables tables), FRR pathspaces and crash logs, temporary directories,
 * and their records; also namespaces and directories named after a dead
 * pid by runs from before the records. Says what it removed on log (NULL:
 * silent). Returns how many things it removed. */
size_t ecrc_lab_clean_dead_runs(const char *frr_dir, FILE *log);

/* Runs argv (argv[0] looked up in PATH) and waits for it, up to timeout_ms.
 * Output (stdout and stderr together) is appended to out when non-NULL.
 * stdin_text, when non-NULL, is written to its standard input. Returns the
 * exit status, or -1 when it could not run, was killed or timed out (a
 * message in out). */
int ecrc_lab_run_cmd(const char *const *argv, const char *stdin_text, struct ecrc_buf *out, int timeout_ms);
/* Starts argv in its own process group with stdout and stderr to log_path;
 * registers the pid for cleanup. Returns the pid or -1 (errno set). */
pid_t ecrc_lab_spawn(const char *const *argv, const char *log_path);
/* True while a spawned process runs (reaps it when it has exited). */
bool ecrc_lab_alive(pid_t pid, int *status);
/* Milliseconds of CLOCK_MONOTONIC. */
int64_t ecrc_lab_now_ms(void);
/* Sleeps ms milliseconds; returns false early when interrupted. */
bool ecrc_lab_sleep_ms(int ms);

/* ---- plan.c: the topology, from the model ------------------------------ */

/* Plans the lab for a linted design. Returns 0, or -1 with a message. */
int ecrc_lab_plan(struct ecrc_lab *lab, const struct ecrc_design *d, const char *base, char *err,
                  size_t errlen);
struct ecrc_lab_router *ecrc_lab_router_find(const struct ecrc_lab *lab, const char *id);
/* The router id a next-hop address belongs to, seen from router r (a VBR id
 * for a CPE's or an ECR's next hop), or NULL. */
const char *ecrc_lab_next_hop_owner(const struct ecrc_lab *lab, const struct ecrc_lab_router *r,
                                    uint32_t addr);

/* ---- config.c: the FRR configs ------------------------------------------ */

/* The CPE's config: the design's CPE lowered to the IR with vendor "frr",
 * its ports renamed to the lab's veth ends, rendered by the frr backend.
 * Also records each circuit's MD5 key. Returns 0, or -1 with errors in
 * diags. */
int ecrc_lab_cpe_config(struct ecrc_lab *lab, struct ecrc_lab_router *r, struct ecrc_diags *diags);
/* Alibaba's side: a VBR (eBGP to its CPE with the ECR's ASN and the VBR's
 * timers and BFD, iBGP with next-hop-self to its ECR) or an ECR (iBGP to
 * each VBR, multipath with as-path multipath-relax, originating the VPC
 * CIDRs it reaches). */
void ecrc_lab_cloud_config(const struct ecrc_lab *lab, struct ecrc_lab_router *r);

/* ---- netns.c: namespaces, veths, drops ----------------------------------- */

int ecrc_lab_build_network(struct ecrc_lab *lab, char *err, size_t errlen);
/* Drop everything both ways on the VBR end of each circuit of a physical
 * connection (carrier stays up), or lift the drop. */
int ecrc_lab_drop(struct ecrc_lab *lab, const char *connection_id, bool on, char *err, size_t errlen);

/* ---- frr.c: the daemons -------------------------------------------------- */

int ecrc_lab_start_frr(struct ecrc_lab *lab, const struct ecrc_lab_options *opt, char *err, size_t errlen);
/* Runs a show command on one daemon of a router (through its vty socket,
 * as vtysh does); returns the output (malloc'd) or NULL with a message. */
char *ecrc_lab_show(struct ecrc_lab_router *r, enum ecrc_lab_daemon d, const char *cmd, char *err,
                    size_t errlen);
void ecrc_lab_vty_close_all(struct ecrc_lab *lab);

/* ---- vty.c: FRR's vtysh socket protocol ---------------------------------- */

struct ecrc_lab_vty *ecrc_lab_vty_open(const char *path, char *err, size_t errlen);
/* Runs one command; returns its output (malloc'd) or NULL with a message.
 * *status is FRR's command status (0 = success). */
char *ecrc_lab_vty_cmd(struct ecrc_lab_vty *v, const char *cmd, int *status, char *err, size_t errlen);
void ecrc_lab_vty_close(struct ecrc_lab_vty *v);

/* ---- observe.c: reading FRR's state -------------------------------------- */

enum ecrc_lab_side { ECRC_LAB_SIDE_CPE, ECRC_LAB_SIDE_VBR };

/* FRR's bgpState of the circuit's session on one side ("Established", ...). */
bool ecrc_lab_bgp_state(const struct ecrc_lab *lab, const struct ecrc_lab_circuit *c, enum ecrc_lab_side side,
                        char *state, size_t n);
/* Every circuit's session Established on both sides with BFD up where both
 * sides run it, and every VBR-ECR session up; else *why names the first
 * that is not. */
bool ecrc_lab_sessions_up(struct ecrc_lab *lab, const char **why);
/* The state of any BGP neighbor of a router. */
bool ecrc_lab_bgp_peer_state(struct ecrc_lab_router *r, uint32_t peer, char *state, size_t n);
/* The BFD status on one side ("up", "down", "init", or "" when no session). */
bool ecrc_lab_bfd_state(const struct ecrc_lab *lab, const struct ecrc_lab_circuit *c, enum ecrc_lab_side side,
                        char *state, size_t n);
void ecrc_lab_read_session(struct ecrc_lab *lab, const struct ecrc_lab_circuit *c,
                           struct ecrc_lab_session *s);
/* The next hops of a router's installed route for prefix (VBR ids, sorted);
 * returns the count, 0 when there is no route. */
size_t ecrc_lab_read_route(struct ecrc_lab *lab, struct ecrc_lab_router *r, struct ecrc_ipnet prefix,
                           struct ecrc_lab_route *out);
/* Every route the report lists, without next hops: each ECR's data center
 * prefixes, each CPE's cloud prefixes. */
void ecrc_lab_route_subjects(const struct ecrc_lab *lab, struct ecrc_lab_route **out, size_t *n);
/* The same, with what the routers hold now. */
void ecrc_lab_read_routes(struct ecrc_lab *lab, struct ecrc_lab_route **out, size_t *n);
void ecrc_lab_routes_free(struct ecrc_lab_route *r, size_t n);
/* The same set of next hops, in any order. */
bool ecrc_lab_same_next_hops(const struct ecrc_lab_route *a, const struct ecrc_lab_route *b);

/* ---- drill.c -------------------------------------------------------------- */

/* Drills one physical connection: waits until the lab is in its settled
 * state (the routes as in baseline, and every session up when sessions_up),
 * drops, measures, restores, and waits until it is settled again. */
int ecrc_lab_drill(struct ecrc_lab *lab, const char *connection_id, const struct ecrc_lab_route *baseline,
                   size_t n_baseline, bool sessions_up, int64_t deadline_ms, struct ecrc_lab_drill *out,
                   char *err, size_t errlen);

/* ---- predict.c: the reference engine on the same design ------------------- */

/* Fills out (its arena created when NULL) with what the engine predicts
 * for lab->design (the verify library's model of it): every session, every
 * route the lab reads, every drill the lab runs. out->ok says whether it
 * ran; errors lowering a CPE go to diags. */
void ecrc_lab_predict(const struct ecrc_lab *lab, struct ecrc_lab_expect *out, struct ecrc_diags *diags);

/* ---- report.c ------------------------------------------------------------- */

/* The namespaces' links and what the cloud side originates, one per line. */
void ecrc_lab_describe(FILE *f, const struct ecrc_lab *lab);
void ecrc_lab_report_text(FILE *f, const struct ecrc_lab *lab, const struct ecrc_lab_expect *e,
                          const struct ecrc_lab_result *res);
void ecrc_lab_report_json(FILE *f, const struct ecrc_lab *lab, const struct ecrc_lab_expect *e,
                          const struct ecrc_lab_result *res);

/* ---- lab.c: the whole run --------------------------------------------------- */

/* The physical connections that carry a circuit, in design order (out has
 * room for n_circuits); returns how many. */
size_t ecrc_lab_drill_targets(const struct ecrc_lab *lab, const char **out);
/* Judges one measured drill against its prediction (d->expect): sets
 * d->agrees and adds the `drill` and `drill-routes` checks to res
 * (docs/lab.md, "When a drill agrees with the engine"). */
void ecrc_lab_judge_drill(struct ecrc_lab_drill *d, struct ecrc_lab_result *res);
/* Plans the lab and writes every router's config (no system change, no
 * root needed). Returns 0, or -1 with a message (and lowering errors in
 * diags). */
int ecrc_lab_prepare(struct ecrc_lab *lab, const struct ecrc_design *d, const char *base,
                     struct ecrc_diags *diags, char *err, size_t errlen);
/* Builds, measures, drills and tears down. Returns 0 when the run completed
 * (res->ok says whether everything agreed), -1 when it stopped early
 * (res->error says why). Errors lowering a CPE go to diags. Cleans up
 * before returning. */
int ecrc_lab_run(const struct ecrc_design *d, const struct ecrc_lab_options *opt, struct ecrc_lab *lab,
                 struct ecrc_lab_expect *expect, struct ecrc_lab_result *res, struct ecrc_diags *diags);
void ecrc_lab_result_free(struct ecrc_lab_result *res);
void ecrc_lab_expect_free(struct ecrc_lab_expect *e);
void ecrc_lab_free(struct ecrc_lab *lab);

#endif
