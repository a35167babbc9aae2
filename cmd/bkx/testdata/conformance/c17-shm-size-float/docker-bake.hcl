target "app" { shm-size = 1.5 }
