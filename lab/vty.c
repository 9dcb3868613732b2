/*
 * vty.c: a client for the socket every FRR daemon offers vtysh
 * (<daemon>.vty): a command goes out NUL-terminated; the answer is the
 * command's output followed by three NUL bytes and a status byte (0 =
 * success). A fresh connection starts in view mode, so the client sends
 * "enable" first, as vtysh does. Talking to the socket directly instead of
 * spawning `vtysh -c` for each look costs microseconds instead of tens of
 * milliseconds, which is what lets the drills poll every 10 ms.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "lab/lab.h"

#define VTY_TIMEOUT_MS 5000

struct ecrc_lab_vty {
	int fd;
};

struct ecrc_lab_vty *ecrc_lab_vty_open(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa;
	struct ecrc_lab_vty *v;
	int fd, status;

	if (strlen(path) >= sizeof sa.sun_path) {
		snprintf(err, errlen, "%s: socket path too long", path);
		return NULL;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return NULL;
	}
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	v = ecrc_xcalloc(1, sizeof *v);
	v->fd = fd;
	char *out = ecrc_lab_vty_cmd(v, "enable", &status, err, errlen);
	if (!out) {
		ecrc_lab_vty_close(v);
		return NULL;
	}
	free(out);
	return v;
}

static bool ends_with_marker(const struct ecrc_buf *b)
{
	return b->len >= 4 && b->p[b->len - 4] == 0 && b->p[b->len - 3] == 0 && b->p[b->len - 2] == 0;
}

char *ecrc_lab_vty_cmd(struct ecrc_lab_vty *v, const char *cmd, int *status, char *err, size_t errlen)
{
	size_t len = strlen(cmd) + 1, off = 0;
	struct ecrc_buf b = {0};
	int64_t deadline = ecrc_lab_now_ms() + VTY_TIMEOUT_MS;

	while (off < len) {
		ssize_t n = send(v->fd, cmd + off, len - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "vty write: %s", strerror(errno));
			return NULL;
		}
		off += (size_t)n;
	}
	while (!ends_with_marker(&b)) {
		char buf[16384];
		int left = (int)(deadline - ecrc_lab_now_ms());
		struct pollfd pfd = {v->fd, POLLIN, 0};
		if (left <= 0) {
			snprintf(err, errlen, "vty: no answer to \"%s\" within %d ms", cmd, VTY_TIMEOUT_MS);
			ecrc_buf_free(&b);
			return NULL;
		}
		int pr = poll(&pfd, 1, left);
		if (pr <= 0)
			continue;
		ssize_t n = recv(v->fd, buf, sizeof buf, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "vty: the daemon closed the connection");
			ecrc_buf_free(&b);
			return NULL;
		}
		ecrc_buf_putn(&b, buf, (size_t)n);
	}
	*status = (unsigned char)b.p[b.len - 1];
	b.len -= 4;
	b.p[b.len] = '\0';
	return ecrc_buf_take(&b);
}

void ecrc_lab_vty_close(struct ecrc_lab_vty *v)
{
	if (!v)
		return;
	close(v->fd);
	free(v);
}
