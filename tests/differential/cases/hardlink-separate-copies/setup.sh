# Run by run.py in a copy of this case, after it set every mtime.
ln dir/a dir/b
