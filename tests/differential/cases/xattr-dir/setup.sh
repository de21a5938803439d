# Run by run.py in a copy of this case, after it set every mtime.
python3 -c "import os; os.setxattr('d/x', 'user.a', b'1'); os.setxattr('d', 'user.b', b'2')"
