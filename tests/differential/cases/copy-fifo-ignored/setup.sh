# Run by run.py in a copy of this case, after it set every mtime.
mkfifo d/pipe
