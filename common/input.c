/*
 * input.c: reading an input file whole, safely: only a regular file (or
 * standard input) is read. A FIFO without a writer, a device, a directory
 * or a socket is refused before anything can block on it: the path is
 * checked with stat(2), opened with O_NONBLOCK, checked again with fstat(2)
 * on the descriptor (the path may have changed in between), and only then
 * is O_NONBLOCK cleared for reading. Every reader of files (the design
 * loader, the running-config readers) goes through here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/common.h"

static const char *file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO (named pipe)";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

static int refuse(char *err, size_t errlen, mode_t m)
{
	snprintf(err, errlen,
	         "is %s, not a regular file; give a file, or '-' and the contents on standard input",
	         file_kind(m));
	return ECRC_INPUT_NOT_REGULAR;
}

int ecrc_input_open(const char *path, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode))
		return refuse(err, errlen, st.st_mode);
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int saved = errno;
		close(fd);
		if (!S_ISREG(st.st_mode))
			return refuse(err, errlen, st.st_mode);
		snprintf(err, errlen, "cannot open: %s", strerror(saved));
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int ecrc_input_read(int fd, size_t limit, char **out, size_t *len, char *err, size_t errlen)
{
	size_t cap = 64 * 1024, n = 0;
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && (uint64_t)st.st_size <= limit)
		cap = (size_t)st.st_size + 1; /* one more byte to see the end in one read */
	char *buf = ecrc_xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > limit)
				break;
			cap *= 2;
			buf = ecrc_xrealloc(buf, cap + 1);
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "cannot read: %s", strerror(errno));
			free(buf);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > limit) {
		free(buf);
		return ECRC_INPUT_TOO_LARGE;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}
