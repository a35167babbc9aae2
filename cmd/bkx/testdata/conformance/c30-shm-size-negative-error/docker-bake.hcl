target "app" { shm-size = -1 }
