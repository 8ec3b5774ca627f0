// Served as a static file: bench/run.sh polls /app.js to know that the server is up.
