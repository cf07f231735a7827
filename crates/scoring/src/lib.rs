//! The supervision run of exchange v1 part C: findings, credit grades, stars, must-inspect list. Pure.
