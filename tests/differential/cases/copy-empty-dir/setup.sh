# Run by run.py in a copy of this case, after it set every mtime.
mkdir empty
touch -d @1000000000 empty
