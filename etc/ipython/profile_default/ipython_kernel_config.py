# Used for every notebook run by the Makefile and the tests (IPYTHONDIR=etc/ipython).
# TensorFlow's C++ start-up lines ("oneDNN custom operations are on", absl warnings) are written
# straight to file descriptor 2; with fd capture off they stay on the kernel's stderr instead of
# landing in the executed notebook and its PDF.
c.IPKernelApp.capture_fd_output = False
