# SPDX-License-Identifier: GPL-2.0
"""Read files of a git tree at a revision without checking it out."""
import subprocess


def files_at(tree, rev, paths, suffixes):
    """Yield (path, text) for files under paths at rev ending in suffixes."""
    ls = subprocess.run(["git", "-C", tree, "ls-tree", "-r", "-z", "--name-only", rev, "--"] + list(paths),
                        capture_output=True, check=True).stdout.decode().split("\0")
    ls = [p for p in ls if p.endswith(tuple(suffixes))]
    proc = subprocess.Popen(["git", "-C", tree, "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    for p in ls:
        proc.stdin.write(f"{rev}:{p}\n".encode())
        proc.stdin.flush()
        size = int(proc.stdout.readline().split()[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)
        yield p, data.decode("utf-8", "replace")
    proc.stdin.close()
    proc.wait()
