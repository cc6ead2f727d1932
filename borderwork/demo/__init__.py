"""The demo: Bình Phước and Quảng Bình before and after the 1 July 2025 merger (`seed.py`)."""
