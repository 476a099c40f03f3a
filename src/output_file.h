/*
 * output_file.h — the file named by -o: checked before the audit starts,
 * written whole or not at all.
 *
 * The path is refused when it is an input of the run (a data file, the
 * settings file, the baseline, a rule file — the same file by device and
 * inode, so symlinks and hard links to them too) or when it exists and is
 * not a regular file (renaming over /dev/null or a FIFO would replace it).
 * The temporary file beside it is created before the rules run, so an
 * unwritable folder fails at once, and SIGINT, SIGTERM and SIGHUP remove
 * it: an interrupted run leaves neither a partial report nor a stray
 * OUT.tmpXXXXXX.
 *
 * An output_file may also stand for standard output (output_file_spool).
 */
#ifndef LAKIP_OUTPUT_FILE_H
#define LAKIP_OUTPUT_FILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct output_file output_file;

/* Non-zero when writing to path would replace one of the given files or
 * a file in one of the given folders (not recursive). */
int output_is_input(const char *path, const char *const *files, size_t nfiles,
                    const char *const *folders, size_t nfolders);

/* Checks the path and creates the temporary file (message on stderr and
 * NULL on failure). Installs the signal handlers that remove it. */
output_file *output_file_open(const char *path);
/* Standard output through a nameless file in $TMPDIR (else /tmp): a
 * report written while the audit runs (a long-form file's JSON or SARIF,
 * findings_stream) then holds none of its findings in memory, and reaches
 * standard output at output_file_commit, whole, or not at all (exit 2
 * with nothing written there, as with -o). NULL (errno set) when no such
 * file can be made: the report is then written at the end, from memory. */
output_file *output_file_spool(void);
/* Where to write the report. */
FILE *output_file_stream(output_file *of);
/* A file for what a writer keeps until the end (a long-form file's notes,
 * finding_list_spool_notes), open for reading and writing, in the folder
 * of the -o file (whose room the report needs anyway; a spool's: its
 * temporary folder) and nameless there:
 * it goes when the process ends, however it ends. NULL (errno set) when
 * it cannot be made. */
FILE *output_file_scratch(output_file *of);
/* Empties the temporary file to write the report again from its start
 * (a writer that began before the whole audit was known). 0, or -1. */
int output_file_restart(output_file *of);
/* Given the writer's result (0 or -1): flushes, syncs and renames the file
 * into place, or removes it (a spool: copies it to standard output, or
 * not); frees of. 0, or -1 (message on stderr, nothing left behind). */
int output_file_commit(output_file *of, int written);
/* Removes the temporary file (when the run fails before writing); NULL ok. */
void output_file_abort(output_file *of);

#endif
