target "app" { shm-size = 128 }
