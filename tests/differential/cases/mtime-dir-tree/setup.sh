# Run by run.py in a copy of this case, after it set every mtime.
touch -d 2005-05-05T05:05:05Z dir/sub
