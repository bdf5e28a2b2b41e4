# The IPython kernel configuration of the bundle (the tests also point IPYTHONDIR here).
# TensorFlow's C++ start-up lines ("oneDNN custom operations are on", absl warnings) are written
# straight to file descriptor 2; with fd capture off they stay on the kernel's stderr instead of
# landing in the executed notebook and its PDF.
c.IPKernelApp.capture_fd_output = False
# Installed by the set-up (scripts/setup-venv.sh) as <venv>/etc/ipython/ipython_kernel_config.py, which
# IPython reads from sys.prefix: interactive sessions (`.venv/bin/jupyter lab`) get it too.
# The kernel's own warnings (e.g. "Kernel is running over TCP without encryption" -- the kernel only
# listens on 127.0.0.1) would otherwise reach `make`'s terminal output.
c.IPKernelApp.log_level = "ERROR"
